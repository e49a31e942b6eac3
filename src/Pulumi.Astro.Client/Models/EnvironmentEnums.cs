// The enums of workspaces, environment objects and API tokens, declared as every Astro enum is (AstroEnum.cs): a struct
// around the string with its known values, so a value Astro adds later reads and writes back unchanged. The values are
// the API model's (astro-cli, astro-client-v1/api.gen.go).

namespace Pulumi.Astro.Client.Models;

/// <summary>The type of an environment object: an Airflow connection or variable, an environment variable or a metrics export. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct EnvironmentObjectType(string Value) : IAstroEnum<EnvironmentObjectType>
{
    /// <summary><c>AIRFLOW_VARIABLE</c>.</summary>
    public static readonly EnvironmentObjectType AirflowVariable = new("AIRFLOW_VARIABLE");
    /// <summary><c>CONNECTION</c>.</summary>
    public static readonly EnvironmentObjectType Connection = new("CONNECTION");
    /// <summary><c>ENVIRONMENT_VARIABLE</c>.</summary>
    public static readonly EnvironmentObjectType EnvironmentVariable = new("ENVIRONMENT_VARIABLE");
    /// <summary><c>METRICS_EXPORT</c>.</summary>
    public static readonly EnvironmentObjectType MetricsExport = new("METRICS_EXPORT");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<EnvironmentObjectType> KnownValues { get; } = [AirflowVariable, Connection, EnvironmentVariable, MetricsExport];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>Where an environment object lives (WORKSPACE or DEPLOYMENT); links and exclusions name DEPLOYMENT only. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct EnvironmentObjectScope(string Value) : IAstroEnum<EnvironmentObjectScope>
{
    /// <summary><c>WORKSPACE</c>.</summary>
    public static readonly EnvironmentObjectScope Workspace = new("WORKSPACE");
    /// <summary><c>DEPLOYMENT</c>.</summary>
    public static readonly EnvironmentObjectScope Deployment = new("DEPLOYMENT");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<EnvironmentObjectScope> KnownValues { get; } = [Workspace, Deployment];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>How a metrics export authenticates to its endpoint: a bearer token, HTTP basic auth, or AWS SigV4. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct MetricsExportAuthType(string Value) : IAstroEnum<MetricsExportAuthType>
{
    /// <summary><c>AUTH_TOKEN</c>.</summary>
    public static readonly MetricsExportAuthType AuthToken = new("AUTH_TOKEN");
    /// <summary><c>BASIC</c>.</summary>
    public static readonly MetricsExportAuthType Basic = new("BASIC");
    /// <summary><c>SIGV4</c>.</summary>
    public static readonly MetricsExportAuthType SigV4 = new("SIGV4");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<MetricsExportAuthType> KnownValues { get; } = [AuthToken, Basic, SigV4];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The kind of metrics exporter. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct MetricsExporterType(string Value) : IAstroEnum<MetricsExporterType>
{
    /// <summary><c>PROMETHEUS</c>.</summary>
    public static readonly MetricsExporterType Prometheus = new("PROMETHEUS");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<MetricsExporterType> KnownValues { get; } = [Prometheus];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>What an API token is scoped to: the organization, a workspace or a Deployment. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct ApiTokenScope(string Value) : IAstroEnum<ApiTokenScope>
{
    /// <summary><c>ORGANIZATION</c>.</summary>
    public static readonly ApiTokenScope Organization = new("ORGANIZATION");
    /// <summary><c>WORKSPACE</c>.</summary>
    public static readonly ApiTokenScope Workspace = new("WORKSPACE");
    /// <summary><c>DEPLOYMENT</c>.</summary>
    public static readonly ApiTokenScope Deployment = new("DEPLOYMENT");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<ApiTokenScope> KnownValues { get; } = [Organization, Workspace, Deployment];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The kind of an API token; STANDARD unless a create asks for another. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct ApiTokenKind(string Value) : IAstroEnum<ApiTokenKind>
{
    /// <summary><c>STANDARD</c>.</summary>
    public static readonly ApiTokenKind Standard = new("STANDARD");
    /// <summary><c>DIRECT_ACCESS</c>.</summary>
    public static readonly ApiTokenKind DirectAccess = new("DIRECT_ACCESS");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<ApiTokenKind> KnownValues { get; } = [Standard, DirectAccess];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The kind of entity an API token role is on. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct ApiTokenRoleEntityType(string Value) : IAstroEnum<ApiTokenRoleEntityType>
{
    /// <summary><c>ORGANIZATION</c>.</summary>
    public static readonly ApiTokenRoleEntityType Organization = new("ORGANIZATION");
    /// <summary><c>WORKSPACE</c>.</summary>
    public static readonly ApiTokenRoleEntityType Workspace = new("WORKSPACE");
    /// <summary><c>DEPLOYMENT</c>.</summary>
    public static readonly ApiTokenRoleEntityType Deployment = new("DEPLOYMENT");
    /// <summary><c>DAG</c>.</summary>
    public static readonly ApiTokenRoleEntityType Dag = new("DAG");
    /// <summary><c>DAG_TAG</c>.</summary>
    public static readonly ApiTokenRoleEntityType DagTag = new("DAG_TAG");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<ApiTokenRoleEntityType> KnownValues { get; } = [Organization, Workspace, Deployment, Dag, DagTag];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>A built-in workspace role. A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct WorkspaceRoleName(string Value) : IAstroEnum<WorkspaceRoleName>
{
    /// <summary><c>WORKSPACE_OWNER</c>.</summary>
    public static readonly WorkspaceRoleName Owner = new("WORKSPACE_OWNER");
    /// <summary><c>WORKSPACE_OPERATOR</c>.</summary>
    public static readonly WorkspaceRoleName Operator = new("WORKSPACE_OPERATOR");
    /// <summary><c>WORKSPACE_AUTHOR</c>.</summary>
    public static readonly WorkspaceRoleName Author = new("WORKSPACE_AUTHOR");
    /// <summary><c>WORKSPACE_MEMBER</c>.</summary>
    public static readonly WorkspaceRoleName Member = new("WORKSPACE_MEMBER");
    /// <summary><c>WORKSPACE_ACCESSOR</c>.</summary>
    public static readonly WorkspaceRoleName Accessor = new("WORKSPACE_ACCESSOR");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<WorkspaceRoleName> KnownValues { get; } = [Owner, Operator, Author, Member, Accessor];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
