using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Valid workspace, environment object and token requests for astro-sim; their secrets are distinctive.</summary>
internal static class EnvironmentTestData
{
    public const string Password = "pg-client-s3cret";
    public const string SecretValue = "var-client-s3cret";
    public const string BearerToken = "prom-client-s3cret";

    public static CreateEnvironmentObjectRequest Connection(string workspaceId, string key = "warehouse",
        IReadOnlyList<CreateEnvironmentObjectLinkRequest>? links = null) => new()
    {
        ObjectKey = key,
        ObjectType = EnvironmentObjectType.Connection,
        Scope = EnvironmentObjectScope.Workspace,
        ScopeEntityId = workspaceId,
        Description = "the warehouse",
        Links = links,
        Connection = new EnvironmentObjectConnectionRequest
        {
            Type = "postgres",
            Host = "warehouse.example.com",
            Port = 5432,
            Login = "airflow",
            Password = Password,
            Schema = "analytics",
            Extra = new JObject { ["sslmode"] = "require" },
        },
    };

    public static CreateEnvironmentObjectRequest SecretVariable(string workspaceId, string key = "API_KEY") => new()
    {
        ObjectKey = key,
        ObjectType = EnvironmentObjectType.EnvironmentVariable,
        Scope = EnvironmentObjectScope.Workspace,
        ScopeEntityId = workspaceId,
        EnvironmentVariable = new CreateEnvironmentObjectVariableRequest { IsSecret = true, Value = SecretValue },
    };

    public static CreateEnvironmentObjectRequest Metrics(string workspaceId) => new()
    {
        ObjectKey = "prometheus",
        ObjectType = EnvironmentObjectType.MetricsExport,
        Scope = EnvironmentObjectScope.Workspace,
        ScopeEntityId = workspaceId,
        AutoLinkDeployments = true,
        MetricsExport = new CreateEnvironmentObjectMetricsExportRequest
        {
            Endpoint = "https://prometheus.example.com/api/v1/write",
            ExporterType = MetricsExporterType.Prometheus,
            AuthType = MetricsExportAuthType.AuthToken,
            BasicToken = BearerToken,
            Headers = new Dictionary<string, string> { ["X-Scope-OrgID"] = "tenant-1" },
            Labels = new Dictionary<string, string> { ["team"] = "data" },
        },
    };

    public static CreateApiTokenRequest WorkspaceToken(string workspaceId, string name = "ci") => new()
    {
        Name = name,
        Description = "deploys from CI",
        Scope = ApiTokenScope.Workspace,
        EntityId = workspaceId,
        Role = "WORKSPACE_AUTHOR",
    };

    /// <summary>A DEDICATED Deployment on the ASTRO executor with remote execution on, which agent tokens need.</summary>
    public static CreateDedicatedDeploymentRequest RemoteExecutionDeployment(string workspaceId, string clusterId) => new()
    {
        Name = "remote",
        WorkspaceId = workspaceId,
        ClusterId = clusterId,
        Executor = Executor.Astro,
        IsCicdEnforced = false,
        IsDagDeployEnabled = true,
        IsDevelopmentMode = false,
        IsHighAvailability = false,
        SchedulerSize = SchedulerSize.Small,
        RemoteExecution = new DeploymentRemoteExecutionRequest { Enabled = true, AllowedIpAddressRanges = ["10.0.0.0/8"] },
    };
}
