using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// The body of an environment object create (the API's CreateEnvironmentObjectRequest). Set the typed field that
/// <see cref="ObjectType"/> names and no other. Links, exclusions and auto-linking are for WORKSPACE objects only.
/// </summary>
public sealed class CreateEnvironmentObjectRequest
{
    /// <summary>The key: the connection id, variable name or export name; it cannot change later.</summary>
    [JsonProperty("objectKey")] public required string ObjectKey { get; init; }

    /// <summary>The type.</summary>
    [JsonProperty("objectType")] public required EnvironmentObjectType ObjectType { get; init; }

    /// <summary>WORKSPACE or DEPLOYMENT.</summary>
    [JsonProperty("scope")] public required EnvironmentObjectScope Scope { get; init; }

    /// <summary>The id of the workspace or Deployment.</summary>
    [JsonProperty("scopeEntityId")] public required string ScopeEntityId { get; init; }

    /// <summary>The description.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>Whether to link every Deployment of the workspace, except <see cref="ExcludeLinks"/>.</summary>
    [JsonProperty("autoLinkDeployments")] public bool? AutoLinkDeployments { get; init; }

    /// <summary>Deployments to link, with their overrides.</summary>
    [JsonProperty("links")] public IReadOnlyList<CreateEnvironmentObjectLinkRequest>? Links { get; init; }

    /// <summary>Deployments an auto-linked object leaves out.</summary>
    [JsonProperty("excludeLinks")] public IReadOnlyList<ExcludeLinkEnvironmentObjectRequest>? ExcludeLinks { get; init; }

    /// <summary>The Airflow variable (AIRFLOW_VARIABLE).</summary>
    [JsonProperty("airflowVariable")] public CreateEnvironmentObjectVariableRequest? AirflowVariable { get; init; }

    /// <summary>The environment variable (ENVIRONMENT_VARIABLE).</summary>
    [JsonProperty("environmentVariable")] public CreateEnvironmentObjectVariableRequest? EnvironmentVariable { get; init; }

    /// <summary>The connection (CONNECTION).</summary>
    [JsonProperty("connection")] public EnvironmentObjectConnectionRequest? Connection { get; init; }

    /// <summary>The metrics export (METRICS_EXPORT).</summary>
    [JsonProperty("metricsExport")] public CreateEnvironmentObjectMetricsExportRequest? MetricsExport { get; init; }
}

/// <summary>
/// The body of an environment object update (the API's UpdateEnvironmentObjectRequest). Astro requires the object's
/// typed field even when only links change. Fields left out of the typed field and of a link entry are kept, and an
/// empty value for a secret variable keeps its value; but <see cref="Links"/> and <see cref="ExcludeLinks"/> left out
/// remove them all, and <see cref="AutoLinkDeployments"/> left out turns auto-linking off, as the astro CLI found
/// (astro-cli, <c>cloud/env/link.go</c>, echoPreservedFields). Send the whole desired state of those three.
/// </summary>
public sealed class UpdateEnvironmentObjectRequest
{
    /// <summary>The description; left out, it is kept.</summary>
    [JsonProperty("description")] public string? Description { get; init; }

    /// <summary>Whether to link every Deployment of the workspace; left out, auto-linking is turned off.</summary>
    [JsonProperty("autoLinkDeployments")] public bool? AutoLinkDeployments { get; init; }

    /// <summary>The complete list of links; left out, every link is removed.</summary>
    [JsonProperty("links")] public IReadOnlyList<UpdateEnvironmentObjectLinkRequest>? Links { get; init; }

    /// <summary>The complete list of exclusions; left out, every exclusion is removed.</summary>
    [JsonProperty("excludeLinks")] public IReadOnlyList<ExcludeLinkEnvironmentObjectRequest>? ExcludeLinks { get; init; }

    /// <summary>The Airflow variable's new value (AIRFLOW_VARIABLE).</summary>
    [JsonProperty("airflowVariable")] public UpdateEnvironmentObjectVariableRequest? AirflowVariable { get; init; }

    /// <summary>The environment variable's new value (ENVIRONMENT_VARIABLE).</summary>
    [JsonProperty("environmentVariable")] public UpdateEnvironmentObjectVariableRequest? EnvironmentVariable { get; init; }

    /// <summary>The connection's changed fields (CONNECTION); its type is always required.</summary>
    [JsonProperty("connection")] public EnvironmentObjectConnectionRequest? Connection { get; init; }

    /// <summary>The metrics export's changed fields (METRICS_EXPORT).</summary>
    [JsonProperty("metricsExport")] public UpdateEnvironmentObjectMetricsExportRequest? MetricsExport { get; init; }
}

/// <summary>A variable at create: its value and whether it is secret (which cannot change later).</summary>
public sealed class CreateEnvironmentObjectVariableRequest
{
    /// <summary>Whether the value is secret: Astro never answers with it again.</summary>
    [JsonProperty("isSecret")] public bool? IsSecret { get; init; }

    /// <summary>The value.</summary>
    [JsonProperty("value")] public string? Value { get; init; }
}

/// <summary>A variable at update: its new value (empty keeps a secret's value).</summary>
public sealed class UpdateEnvironmentObjectVariableRequest
{
    /// <summary>The new value.</summary>
    [JsonProperty("value")] public string? Value { get; init; }
}

/// <summary>
/// A connection at create or update (the API's CreateEnvironmentObjectConnectionRequest and
/// UpdateEnvironmentObjectConnectionRequest, which are the same). At update a field left out is kept and an empty
/// string clears it.
/// </summary>
public sealed class EnvironmentObjectConnectionRequest
{
    /// <summary>The Airflow connection type, e.g. <c>postgres</c>; always required.</summary>
    [JsonProperty("type")] public required string Type { get; init; }

    /// <summary>The auth type, e.g. <c>snowflake-password</c>; write-only (answers carry its ConnectionAuthType).</summary>
    [JsonProperty("authTypeId")] public string? AuthTypeId { get; init; }

    /// <summary>The host.</summary>
    [JsonProperty("host")] public string? Host { get; init; }

    /// <summary>The port, 1 to 65535.</summary>
    [JsonProperty("port")] public int? Port { get; init; }

    /// <summary>The login.</summary>
    [JsonProperty("login")] public string? Login { get; init; }

    /// <summary>The password (secret: never answered).</summary>
    [JsonProperty("password")] public string? Password { get; init; }

    /// <summary>The schema.</summary>
    [JsonProperty("schema")] public string? Schema { get; init; }

    /// <summary>Extra connection details: a JSON object, replaced whole at update.</summary>
    [JsonProperty("extra")] public JObject? Extra { get; init; }
}

/// <summary>The metrics-export fields create and update share.</summary>
public abstract class EnvironmentObjectMetricsExportFields
{
    private protected EnvironmentObjectMetricsExportFields()
    {
    }

    /// <summary>How it authenticates: AUTH_TOKEN needs <see cref="BasicToken"/>, BASIC a user name and password, SIGV4 a role.</summary>
    [JsonProperty("authType")] public MetricsExportAuthType? AuthType { get; init; }

    /// <summary>The bearer token (secret).</summary>
    [JsonProperty("basicToken")] public string? BasicToken { get; init; }

    /// <summary>The basic-auth user name.</summary>
    [JsonProperty("username")] public string? Username { get; init; }

    /// <summary>The basic-auth password (secret).</summary>
    [JsonProperty("password")] public string? Password { get; init; }

    /// <summary>HTTP headers to send to the endpoint.</summary>
    [JsonProperty("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Labels to add to the metrics.</summary>
    [JsonProperty("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The IAM role to assume for SIGV4.</summary>
    [JsonProperty("sigV4AssumeArn")] public string? SigV4AssumeArn { get; init; }

    /// <summary>The STS region for SIGV4.</summary>
    [JsonProperty("sigV4StsRegion")] public string? SigV4StsRegion { get; init; }
}

/// <summary>A metrics export at create (the API's CreateEnvironmentObjectMetricsExportRequest).</summary>
public sealed class CreateEnvironmentObjectMetricsExportRequest : EnvironmentObjectMetricsExportFields
{
    /// <summary>The Prometheus remote-write endpoint, an http(s) URL.</summary>
    [JsonProperty("endpoint", Order = -2)] public required string Endpoint { get; init; }

    /// <summary>The exporter type.</summary>
    [JsonProperty("exporterType", Order = -2)] public required MetricsExporterType ExporterType { get; init; }
}

/// <summary>A metrics export at update (the API's UpdateEnvironmentObjectMetricsExportRequest): a field left out is kept.</summary>
public sealed class UpdateEnvironmentObjectMetricsExportRequest : EnvironmentObjectMetricsExportFields
{
    /// <summary>The new endpoint.</summary>
    [JsonProperty("endpoint", Order = -2)] public string? Endpoint { get; init; }

    /// <summary>The new exporter type.</summary>
    [JsonProperty("exporterType", Order = -2)] public MetricsExporterType? ExporterType { get; init; }
}

/// <summary>A link to a Deployment at create (the API's CreateEnvironmentObjectLinkRequest).</summary>
public sealed class CreateEnvironmentObjectLinkRequest
{
    /// <summary>DEPLOYMENT, the only scope a link has.</summary>
    [JsonProperty("scope")] public EnvironmentObjectScope Scope { get; init; } = EnvironmentObjectScope.Deployment;

    /// <summary>The Deployment's id.</summary>
    [JsonProperty("scopeEntityId")] public required string ScopeEntityId { get; init; }

    /// <summary>What the object has there instead; set only the field of the object's type.</summary>
    [JsonProperty("overrides")] public CreateEnvironmentObjectOverridesRequest? Overrides { get; init; }
}

/// <summary>A link to a Deployment at update (the API's UpdateEnvironmentObjectLinkRequest).</summary>
public sealed class UpdateEnvironmentObjectLinkRequest
{
    /// <summary>DEPLOYMENT, the only scope a link has.</summary>
    [JsonProperty("scope")] public EnvironmentObjectScope Scope { get; init; } = EnvironmentObjectScope.Deployment;

    /// <summary>The Deployment's id.</summary>
    [JsonProperty("scopeEntityId")] public required string ScopeEntityId { get; init; }

    /// <summary>Override changes; left out, an existing link keeps its overrides.</summary>
    [JsonProperty("overrides")] public UpdateEnvironmentObjectOverridesRequest? Overrides { get; init; }
}

/// <summary>The override fields a link's create and update share: set only the one of the object's type.</summary>
public abstract class EnvironmentObjectOverridesFields
{
    private protected EnvironmentObjectOverridesFields()
    {
    }

    /// <summary>The Airflow variable's value there.</summary>
    [JsonProperty("airflowVariable")] public EnvironmentObjectVariableOverridesRequest? AirflowVariable { get; init; }

    /// <summary>The environment variable's value there.</summary>
    [JsonProperty("environmentVariable")] public EnvironmentObjectVariableOverridesRequest? EnvironmentVariable { get; init; }

    /// <summary>The connection's fields there.</summary>
    [JsonProperty("connection")] public EnvironmentObjectConnectionOverridesRequest? Connection { get; init; }

    /// <summary>The metrics export's fields there.</summary>
    [JsonProperty("metricsExport")] public EnvironmentObjectMetricsExportOverridesRequest? MetricsExport { get; init; }
}

/// <summary>A link's overrides at create (the API's CreateEnvironmentObjectOverridesRequest).</summary>
public sealed class CreateEnvironmentObjectOverridesRequest : EnvironmentObjectOverridesFields;

/// <summary>
/// A link's override changes at update (the API's UpdateEnvironmentObjectOverridesRequest): the fields given are set,
/// the others kept, and <see cref="UnsetFields"/> removed so the Deployment inherits the object's value.
/// </summary>
public sealed class UpdateEnvironmentObjectOverridesRequest : EnvironmentObjectOverridesFields
{
    /// <summary>Override fields to remove, e.g. <c>password</c>, or one map key as <c>extra.aws_secret</c>; not also set above.</summary>
    [JsonProperty("unsetFields")] public IReadOnlyList<string>? UnsetFields { get; init; }
}

/// <summary>A variable's value on one Deployment.</summary>
public sealed class EnvironmentObjectVariableOverridesRequest
{
    /// <summary>The value there (secret when the variable is).</summary>
    [JsonProperty("value")] public string? Value { get; init; }
}

/// <summary>A connection's fields on one Deployment.</summary>
public sealed class EnvironmentObjectConnectionOverridesRequest
{
    /// <summary>The connection type there.</summary>
    [JsonProperty("type")] public string? Type { get; init; }

    /// <summary>The host there.</summary>
    [JsonProperty("host")] public string? Host { get; init; }

    /// <summary>The port there.</summary>
    [JsonProperty("port")] public int? Port { get; init; }

    /// <summary>The login there.</summary>
    [JsonProperty("login")] public string? Login { get; init; }

    /// <summary>The password there (secret).</summary>
    [JsonProperty("password")] public string? Password { get; init; }

    /// <summary>The schema there.</summary>
    [JsonProperty("schema")] public string? Schema { get; init; }

    /// <summary>Extra keys there, on top of the object's.</summary>
    [JsonProperty("extra")] public JObject? Extra { get; init; }
}

/// <summary>A metrics export's fields on one Deployment.</summary>
public sealed class EnvironmentObjectMetricsExportOverridesRequest : EnvironmentObjectMetricsExportFields
{
    /// <summary>The endpoint there.</summary>
    [JsonProperty("endpoint", Order = -2)] public string? Endpoint { get; init; }

    /// <summary>The exporter type there.</summary>
    [JsonProperty("exporterType", Order = -2)] public MetricsExporterType? ExporterType { get; init; }
}

/// <summary>A Deployment an auto-linked object leaves out (the API's ExcludeLinkEnvironmentObjectRequest).</summary>
public sealed class ExcludeLinkEnvironmentObjectRequest
{
    /// <summary>DEPLOYMENT, the only scope an exclusion has.</summary>
    [JsonProperty("scope")] public EnvironmentObjectScope Scope { get; init; } = EnvironmentObjectScope.Deployment;

    /// <summary>The Deployment's id.</summary>
    [JsonProperty("scopeEntityId")] public required string ScopeEntityId { get; init; }
}
