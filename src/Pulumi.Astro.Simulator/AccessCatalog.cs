using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// The roles API tokens can hold and the connection auth types environment objects can name. Role names are those the
/// astro CLI and the Terraform provider use (terraform-provider-astro, <c>internal/provider/common/role.go</c>; the
/// <c>DagRole</c> type of astro-cli's <c>astro-client-v1/api.gen.go</c>).
/// </summary>
internal static class AccessCatalog
{
    public static readonly string[] OrganizationRoles =
        ["ORGANIZATION_OWNER", "ORGANIZATION_BILLING_ADMIN", "ORGANIZATION_MEMBER", "ORGANIZATION_OBSERVE_ADMIN", "ORGANIZATION_OBSERVE_MEMBER"];

    public static readonly string[] WorkspaceRoles =
        ["WORKSPACE_OWNER", "WORKSPACE_OPERATOR", "WORKSPACE_AUTHOR", "WORKSPACE_MEMBER", "WORKSPACE_ACCESSOR"];

    /// <summary>
    /// Deployment roles. Astro also takes a custom Deployment role's name here; astro-sim has no custom roles yet, so
    /// only the built-in one is valid.
    /// </summary>
    public static readonly string[] DeploymentRoles = ["DEPLOYMENT_ADMIN"];

    public static readonly string[] DagRoles = ["DAG_VIEWER", "DAG_AUTHOR"];

    public static readonly string[] TokenScopes = ["ORGANIZATION", "WORKSPACE", "DEPLOYMENT"];
    public static readonly string[] TokenKinds = ["STANDARD", "DIRECT_ACCESS"];
    public static readonly string[] RoleEntityTypes = ["ORGANIZATION", "WORKSPACE", "DEPLOYMENT", "DAG", "DAG_TAG"];

    public static readonly string[] ObjectTypes = ["AIRFLOW_VARIABLE", "CONNECTION", "ENVIRONMENT_VARIABLE", "METRICS_EXPORT"];
    public static readonly string[] ObjectScopes = ["WORKSPACE", "DEPLOYMENT"];
    public static readonly string[] LinkScopes = ["DEPLOYMENT"];
    public static readonly string[] MetricsAuthTypes = ["AUTH_TOKEN", "BASIC", "SIGV4"];
    public static readonly string[] ExporterTypes = ["PROMETHEUS"];

    /// <summary>The roles a role of this entity type may name.</summary>
    public static string[] RolesFor(string entityType) => entityType switch
    {
        "ORGANIZATION" => OrganizationRoles,
        "WORKSPACE" => WorkspaceRoles,
        "DEPLOYMENT" => DeploymentRoles,
        _ => DagRoles,
    };

    /// <summary>One parameter of a connection auth type: a connection field, or a key of <c>extra</c>.</summary>
    public sealed record AuthParameter(string Name, string FriendlyName, bool InExtra, bool Required, bool Secret);

    /// <summary>A connection auth type: how one Airflow connection type authenticates, and which fields it needs.</summary>
    public sealed record AuthType(string Id, string Name, string AuthMethod, string AirflowType, string Package, AuthParameter[] Parameters);

    /// <summary>Connection auth types by id, as a connection's <c>authTypeId</c> names them (e.g. <c>snowflake-password</c>).</summary>
    public static readonly IReadOnlyDictionary<string, AuthType> ConnectionAuthTypes = new[]
    {
        new AuthType("postgres-password", "PostgreSQL", "Username and password", "postgres", "apache-airflow-providers-postgres",
        [
            new("host", "Host", false, true, false),
            new("port", "Port", false, false, false),
            new("schema", "Database", false, false, false),
            new("login", "Username", false, true, false),
            new("password", "Password", false, true, true),
        ]),
        new AuthType("snowflake-password", "Snowflake", "Username and password", "snowflake", "apache-airflow-providers-snowflake",
        [
            new("login", "Username", false, true, false),
            new("password", "Password", false, true, true),
            new("schema", "Schema", false, false, false),
            new("account", "Account", true, true, false),
            new("warehouse", "Warehouse", true, false, false),
            new("role", "Role", true, false, false),
        ]),
        new AuthType("snowflake-private-key", "Snowflake", "Key pair", "snowflake", "apache-airflow-providers-snowflake",
        [
            new("login", "Username", false, true, false),
            new("account", "Account", true, true, false),
            new("private_key_content", "Private key", true, true, true),
            new("private_key_passphrase", "Private key passphrase", true, false, true),
        ]),
        new AuthType("aws-access-key", "Amazon Web Services", "Access key", "aws", "apache-airflow-providers-amazon",
        [
            new("login", "Access key ID", false, true, false),
            new("password", "Secret access key", false, true, true),
            new("region_name", "Region", true, false, false),
        ]),
    }.ToDictionary(a => a.Id, StringComparer.Ordinal);

    /// <summary>A ConnectionAuthType answer (the model's <c>ConnectionAuthType</c>).</summary>
    public static JObject Render(AuthType auth) => new()
    {
        ["id"] = auth.Id,
        ["name"] = auth.Name,
        ["authMethodName"] = auth.AuthMethod,
        ["airflowType"] = auth.AirflowType,
        ["description"] = $"{auth.Name}: {auth.AuthMethod.ToLowerInvariant()}",
        ["providerPackageName"] = auth.Package,
        ["guidePath"] = $"/connections/{auth.Id}",
        ["parameters"] = new JArray(auth.Parameters.Select(p => new JObject
        {
            ["airflowParamName"] = p.Name,
            ["friendlyName"] = p.FriendlyName,
            ["dataType"] = p.Name == "port" ? "INTEGER" : "STRING",
            ["description"] = p.FriendlyName,
            ["isInExtra"] = p.InExtra,
            ["isRequired"] = p.Required,
            ["isSecret"] = p.Secret,
        })),
    };
}
