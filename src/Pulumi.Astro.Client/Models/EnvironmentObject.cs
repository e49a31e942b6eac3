using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// An environment object (the API's EnvironmentObject): an Airflow connection or variable, an environment variable or
/// a metrics export, scoped to a workspace or a Deployment. Exactly one of <see cref="AirflowVariable"/>,
/// <see cref="Connection"/>, <see cref="EnvironmentVariable"/> and <see cref="MetricsExport"/> is set, as
/// <see cref="ObjectType"/> says. Astro never answers with a secret value: <see cref="SetFields"/> tells a set secret
/// from an unset field.
/// </summary>
public sealed class EnvironmentObject
{
    /// <summary>The object's id; absent on an object a Deployment's list resolved from a workspace link.</summary>
    [JsonProperty("id")] public string? Id { get; init; }

    /// <summary>The key: the connection id, variable name or export name.</summary>
    [JsonProperty("objectKey")] public string ObjectKey { get; init; } = "";

    /// <summary>The type.</summary>
    [JsonProperty("objectType")] public EnvironmentObjectType ObjectType { get; init; }

    /// <summary>WORKSPACE or DEPLOYMENT.</summary>
    [JsonProperty("scope")] public EnvironmentObjectScope Scope { get; init; }

    /// <summary>The id of the workspace or Deployment.</summary>
    [JsonProperty("scopeEntityId")] public string ScopeEntityId { get; init; } = "";

    /// <summary>
    /// The fields that hold a value, map members as dotted paths (<c>extra.aws_secret</c>): secret values are masked,
    /// so this says which are set.
    /// </summary>
    [JsonProperty("setFields")] public IReadOnlyList<string> SetFields { get; init; } = [];

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>Whether every Deployment of the workspace is linked, except those in <see cref="ExcludeLinks"/>.</summary>
    [JsonProperty("autoLinkDeployments")] public bool? AutoLinkDeployments { get; init; }

    /// <summary>The Deployments linked explicitly, with their overrides (workspace objects).</summary>
    [JsonProperty("links")] public IReadOnlyList<EnvironmentObjectLink>? Links { get; init; }

    /// <summary>The Deployments an auto-linked object leaves out (workspace objects).</summary>
    [JsonProperty("excludeLinks")] public IReadOnlyList<EnvironmentObjectExcludeLink>? ExcludeLinks { get; init; }

    /// <summary>The scope the object comes from, when a Deployment's list resolved it from a link.</summary>
    [JsonProperty("sourceScope")] public EnvironmentObjectScope? SourceScope { get; init; }

    /// <summary>The id of the workspace the object comes from, when a Deployment's list resolved it from a link.</summary>
    [JsonProperty("sourceScopeEntityId")] public string? SourceScopeEntityId { get; init; }

    /// <summary>The Airflow variable (AIRFLOW_VARIABLE objects).</summary>
    [JsonProperty("airflowVariable")] public EnvironmentObjectVariable? AirflowVariable { get; init; }

    /// <summary>The environment variable (ENVIRONMENT_VARIABLE objects).</summary>
    [JsonProperty("environmentVariable")] public EnvironmentObjectVariable? EnvironmentVariable { get; init; }

    /// <summary>The Airflow connection (CONNECTION objects).</summary>
    [JsonProperty("connection")] public EnvironmentObjectConnection? Connection { get; init; }

    /// <summary>The metrics export (METRICS_EXPORT objects).</summary>
    [JsonProperty("metricsExport")] public EnvironmentObjectMetricsExport? MetricsExport { get; init; }

    /// <summary>When it was created, as Astro wrote it (the API types it a string).</summary>
    [JsonProperty("createdAt")] public string? CreatedAt { get; init; }

    /// <summary>When it was last changed, as Astro wrote it.</summary>
    [JsonProperty("updatedAt")] public string? UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile? CreatedBy { get; init; }

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile? UpdatedBy { get; init; }
}

/// <summary>An Airflow variable or environment variable (the API's EnvironmentObjectAirflowVariable and EnvironmentObjectEnvironmentVariable).</summary>
public sealed class EnvironmentObjectVariable
{
    /// <summary>Whether the value is secret; it cannot change after the create.</summary>
    [JsonProperty("isSecret")] public bool IsSecret { get; init; }

    /// <summary>The value; empty when it is secret.</summary>
    [JsonProperty("value")] public string Value { get; init; } = "";
}

/// <summary>An Airflow connection (the API's EnvironmentObjectConnection). The password is never answered.</summary>
public sealed class EnvironmentObjectConnection
{
    /// <summary>The Airflow connection type, e.g. <c>postgres</c>.</summary>
    [JsonProperty("type")] public string Type { get; init; } = "";

    /// <summary>The host.</summary>
    [JsonProperty("host")] public string? Host { get; init; }

    /// <summary>The port.</summary>
    [JsonProperty("port")] public int? Port { get; init; }

    /// <summary>The login.</summary>
    [JsonProperty("login")] public string? Login { get; init; }

    /// <summary>The password: masked, so absent in practice (see <see cref="EnvironmentObject.SetFields"/>).</summary>
    [JsonProperty("password")] public string? Password { get; init; }

    /// <summary>The schema.</summary>
    [JsonProperty("schema")] public string? Schema { get; init; }

    /// <summary>Extra connection details, any JSON object; the auth type's secret keys are left out.</summary>
    [JsonProperty("extra")] public JObject? Extra { get; init; }

    /// <summary>The auth type the connection was created with (its <c>authTypeId</c> is not answered).</summary>
    [JsonProperty("connectionAuthType")] public ConnectionAuthType? ConnectionAuthType { get; init; }
}

/// <summary>How a connection type authenticates, and the fields it needs (the API's ConnectionAuthType).</summary>
public sealed class ConnectionAuthType
{
    /// <summary>The id a connection's <c>authTypeId</c> names, e.g. <c>snowflake-password</c>.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The name, e.g. <c>Snowflake</c>.</summary>
    [JsonProperty("name")] public string Name { get; init; } = "";

    /// <summary>The authentication method, e.g. <c>Username and password</c>.</summary>
    [JsonProperty("authMethodName")] public string AuthMethodName { get; init; } = "";

    /// <summary>The Airflow connection type it is for.</summary>
    [JsonProperty("airflowType")] public string AirflowType { get; init; } = "";

    /// <summary>A description.</summary>
    [JsonProperty("description")] public string Description { get; init; } = "";

    /// <summary>The Airflow provider package.</summary>
    [JsonProperty("providerPackageName")] public string ProviderPackageName { get; init; } = "";

    /// <summary>The fields it takes.</summary>
    [JsonProperty("parameters")] public IReadOnlyList<ConnectionAuthTypeParameter> Parameters { get; init; } = [];

    /// <summary>A guide's path.</summary>
    [JsonProperty("guidePath")] public string? GuidePath { get; init; }

    /// <summary>The provider's logo.</summary>
    [JsonProperty("providerLogo")] public string? ProviderLogo { get; init; }
}

/// <summary>One field a connection auth type takes (the API's ConnectionAuthTypeParameter).</summary>
public sealed class ConnectionAuthTypeParameter
{
    /// <summary>The field's name in Airflow: a connection field, or a key of <c>extra</c>.</summary>
    [JsonProperty("airflowParamName")] public string AirflowParamName { get; init; } = "";

    /// <summary>A name to show.</summary>
    [JsonProperty("friendlyName")] public string FriendlyName { get; init; } = "";

    /// <summary>The value's data type.</summary>
    [JsonProperty("dataType")] public string DataType { get; init; } = "";

    /// <summary>A description.</summary>
    [JsonProperty("description")] public string Description { get; init; } = "";

    /// <summary>Whether it is a key of <c>extra</c>.</summary>
    [JsonProperty("isInExtra")] public bool IsInExtra { get; init; }

    /// <summary>Whether it is required.</summary>
    [JsonProperty("isRequired")] public bool IsRequired { get; init; }

    /// <summary>Whether it is secret (never answered).</summary>
    [JsonProperty("isSecret")] public bool IsSecret { get; init; }

    /// <summary>An example value.</summary>
    [JsonProperty("example")] public string? Example { get; init; }

    /// <summary>A pattern the value must match.</summary>
    [JsonProperty("pattern")] public string? Pattern { get; init; }
}

/// <summary>A metrics export (the API's EnvironmentObjectMetricsExport). Passwords and tokens are never answered.</summary>
public sealed class EnvironmentObjectMetricsExport
{
    /// <summary>The Prometheus remote-write endpoint.</summary>
    [JsonProperty("endpoint")] public string Endpoint { get; init; } = "";

    /// <summary>The exporter type.</summary>
    [JsonProperty("exporterType")] public MetricsExporterType ExporterType { get; init; }

    /// <summary>How it authenticates; Astro does not always echo it, so absent does not mean none.</summary>
    [JsonProperty("authType")] public MetricsExportAuthType? AuthType { get; init; }

    /// <summary>The bearer token: masked, so absent in practice.</summary>
    [JsonProperty("basicToken")] public string? BasicToken { get; init; }

    /// <summary>The basic-auth user name.</summary>
    [JsonProperty("username")] public string? Username { get; init; }

    /// <summary>The basic-auth password: masked, so absent in practice.</summary>
    [JsonProperty("password")] public string? Password { get; init; }

    /// <summary>HTTP headers sent to the endpoint.</summary>
    [JsonProperty("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Labels added to the metrics.</summary>
    [JsonProperty("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The IAM role to assume for SigV4.</summary>
    [JsonProperty("sigV4AssumeArn")] public string? SigV4AssumeArn { get; init; }

    /// <summary>The STS region for SigV4.</summary>
    [JsonProperty("sigV4StsRegion")] public string? SigV4StsRegion { get; init; }
}

/// <summary>
/// A workspace object's link to a Deployment, with the fields it overrides there (the API's EnvironmentObjectLink). A
/// secret override is masked; <see cref="SetFields"/> says which are set.
/// </summary>
public sealed class EnvironmentObjectLink
{
    /// <summary>DEPLOYMENT.</summary>
    [JsonProperty("scope")] public EnvironmentObjectScope Scope { get; init; }

    /// <summary>The Deployment's id.</summary>
    [JsonProperty("scopeEntityId")] public string ScopeEntityId { get; init; } = "";

    /// <summary>The override fields that hold a value, map members as dotted paths.</summary>
    [JsonProperty("setFields")] public IReadOnlyList<string> SetFields { get; init; } = [];

    /// <summary>The Airflow variable's override (absent when the variable is secret).</summary>
    [JsonProperty("airflowVariableOverrides")] public EnvironmentObjectVariableOverrides? AirflowVariableOverrides { get; init; }

    /// <summary>The environment variable's override (absent when the variable is secret).</summary>
    [JsonProperty("environmentVariableOverrides")] public EnvironmentObjectVariableOverrides? EnvironmentVariableOverrides { get; init; }

    /// <summary>The connection's overrides.</summary>
    [JsonProperty("connectionOverrides")] public EnvironmentObjectConnectionOverrides? ConnectionOverrides { get; init; }

    /// <summary>The metrics export's overrides.</summary>
    [JsonProperty("metricsExportOverrides")] public EnvironmentObjectMetricsExportOverrides? MetricsExportOverrides { get; init; }
}

/// <summary>A variable's override on one Deployment.</summary>
public sealed class EnvironmentObjectVariableOverrides
{
    /// <summary>The value there.</summary>
    [JsonProperty("value")] public string Value { get; init; } = "";
}

/// <summary>A connection's overrides on one Deployment; the password is never answered.</summary>
public sealed class EnvironmentObjectConnectionOverrides
{
    /// <summary>The connection type there.</summary>
    [JsonProperty("type")] public string? Type { get; init; }

    /// <summary>The host there.</summary>
    [JsonProperty("host")] public string? Host { get; init; }

    /// <summary>The port there.</summary>
    [JsonProperty("port")] public int? Port { get; init; }

    /// <summary>The login there.</summary>
    [JsonProperty("login")] public string? Login { get; init; }

    /// <summary>The password there: masked, so absent in practice.</summary>
    [JsonProperty("password")] public string? Password { get; init; }

    /// <summary>The schema there.</summary>
    [JsonProperty("schema")] public string? Schema { get; init; }

    /// <summary>Extra keys there, on top of the object's.</summary>
    [JsonProperty("extra")] public JObject? Extra { get; init; }
}

/// <summary>A metrics export's overrides on one Deployment; passwords and tokens are never answered.</summary>
public sealed class EnvironmentObjectMetricsExportOverrides
{
    /// <summary>The endpoint there.</summary>
    [JsonProperty("endpoint")] public string? Endpoint { get; init; }

    /// <summary>The exporter type there.</summary>
    [JsonProperty("exporterType")] public MetricsExporterType? ExporterType { get; init; }

    /// <summary>The auth type there; Astro does not always echo it.</summary>
    [JsonProperty("authType")] public MetricsExportAuthType? AuthType { get; init; }

    /// <summary>The bearer token there: masked.</summary>
    [JsonProperty("basicToken")] public string? BasicToken { get; init; }

    /// <summary>The user name there.</summary>
    [JsonProperty("username")] public string? Username { get; init; }

    /// <summary>The password there: masked.</summary>
    [JsonProperty("password")] public string? Password { get; init; }

    /// <summary>Headers there, on top of the object's.</summary>
    [JsonProperty("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Labels there, on top of the object's.</summary>
    [JsonProperty("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The SigV4 role there.</summary>
    [JsonProperty("sigV4AssumeArn")] public string? SigV4AssumeArn { get; init; }

    /// <summary>The SigV4 STS region there.</summary>
    [JsonProperty("sigV4StsRegion")] public string? SigV4StsRegion { get; init; }
}

/// <summary>A Deployment an auto-linked object leaves out (the API's EnvironmentObjectExcludeLink).</summary>
public sealed class EnvironmentObjectExcludeLink
{
    /// <summary>DEPLOYMENT.</summary>
    [JsonProperty("scope")] public EnvironmentObjectScope Scope { get; init; }

    /// <summary>The Deployment's id.</summary>
    [JsonProperty("scopeEntityId")] public string ScopeEntityId { get; init; } = "";
}

/// <summary>What a create answers (the API's CreateEnvironmentObject): the new object's id alone.</summary>
public sealed class CreateEnvironmentObjectResult
{
    /// <summary>The new object's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";
}

/// <summary>One page of environment objects.</summary>
public sealed class EnvironmentObjectsPaginated : IPage<EnvironmentObject>
{
    /// <summary>The objects on this page.</summary>
    [JsonProperty("environmentObjects")] public IReadOnlyList<EnvironmentObject> EnvironmentObjects { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many objects match in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<EnvironmentObject> IPage<EnvironmentObject>.Items => EnvironmentObjects;
}

/// <summary>Filters and paging of <see cref="IAstroClient.ListEnvironmentObjectsAsync"/>.</summary>
public sealed class ListEnvironmentObjectsQuery : PageQuery
{
    /// <summary>Only the objects of this workspace.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Only the objects of this Deployment (with <see cref="ResolveLinked"/>, also the workspace objects that reach it).</summary>
    public string? DeploymentId { get; init; }

    /// <summary>Only objects of this type.</summary>
    public EnvironmentObjectType? ObjectType { get; init; }

    /// <summary>Only objects with this key.</summary>
    public string? ObjectKey { get; init; }

    /// <summary>
    /// Asks for secret values; an organization that does not allow it answers 403, so leave it unset unless the
    /// organization enables environment secrets fetching.
    /// </summary>
    public bool? ShowSecrets { get; init; }

    /// <summary>Whether a Deployment's list includes the workspace objects linked to it (without ids).</summary>
    public bool? ResolveLinked { get; init; }

    /// <summary>Sort keys such as <c>objectKey:asc</c> (createdAt, objectKey, objectType, updatedAt), sent as repeated <c>sorts</c>.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}
