using Newtonsoft.Json.Linq;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Simulator.Tests;

// The typed client's workspace, environment object and token calls in the contract workload. Every secret it sends
// contains "s3cr3t", which the request-log check looks for.
public sealed partial class ClientContractTests
{
    /// <summary>The token values the workload received, which no logged body may show.</summary>
    private readonly List<string> _tokenValues = [];

    [Test]
    public async Task RequestLog_TypedClientWorkload_KeepsNoTokenValue()
    {
        _tokenValues.Clear();
        await RunWorkload();

        var bodies = (await _sim.Control.RequestsAsync()).SelectMany(r => new[] { r.RequestBody, r.ResponseBody }).OfType<string>().ToList();
        Assert.That(_tokenValues, Has.Count.EqualTo(4), "three creates and a rotation answered values");
        foreach (var value in _tokenValues) Assert.That(bodies, Has.None.Contains(value));
    }

    private async Task RunEnvironmentWorkload(string deploymentId, string clusterId)
    {
        var ws = await _client.CreateWorkspaceAsync(new CreateWorkspaceRequest
        {
            Name = "contract", Description = "d", CicdEnforcedDefault = true, DefaultCloudProvider = CloudProvider.Aws, DefaultRegion = "us-east-1",
        }, Ct);
        await _client.UpdateWorkspaceAsync(ws.Id, new UpdateWorkspaceRequest { Name = "contract-2", Description = "", CicdEnforcedDefault = false, DefaultClusterId = clusterId }, Ct);
        await _client.ListWorkspacesAsync(new ListWorkspacesQuery { WorkspaceIds = [ws.Id], Sorts = ["createdAt:asc"], Limit = 5, Offset = 0 }, Ct);

        var home = _sim.WorkspaceId;
        var connection = await _client.CreateEnvironmentObjectAsync(new CreateEnvironmentObjectRequest
        {
            ObjectKey = "warehouse", ObjectType = EnvironmentObjectType.Connection, Scope = EnvironmentObjectScope.Workspace, ScopeEntityId = home,
            Description = "d", AutoLinkDeployments = false,
            Connection = new EnvironmentObjectConnectionRequest
            {
                Type = "snowflake", AuthTypeId = "snowflake-password", Host = "h", Port = 443, Login = "l", Password = "pg-s3cr3t", Schema = "s",
                Extra = new JObject { ["account"] = "ab12345", ["warehouse"] = "wh" },
            },
            Links =
            [
                new CreateEnvironmentObjectLinkRequest
                {
                    ScopeEntityId = deploymentId,
                    Overrides = new CreateEnvironmentObjectOverridesRequest
                    {
                        Connection = new EnvironmentObjectConnectionOverridesRequest
                        {
                            Type = "snowflake", Host = "h2", Port = 444, Login = "l2", Password = "link-s3cr3t", Schema = "s2", Extra = new JObject { ["role"] = "r" },
                        },
                    },
                },
            ],
        }, Ct);
        var variable = await _client.CreateEnvironmentObjectAsync(new CreateEnvironmentObjectRequest
        {
            ObjectKey = "API_KEY", ObjectType = EnvironmentObjectType.EnvironmentVariable, Scope = EnvironmentObjectScope.Workspace, ScopeEntityId = home,
            EnvironmentVariable = new CreateEnvironmentObjectVariableRequest { IsSecret = true, Value = "var-s3cr3t" },
            AutoLinkDeployments = true,
            ExcludeLinks = [new ExcludeLinkEnvironmentObjectRequest { ScopeEntityId = deploymentId }],
        }, Ct);
        await _client.CreateEnvironmentObjectAsync(new CreateEnvironmentObjectRequest
        {
            ObjectKey = "flag", ObjectType = EnvironmentObjectType.AirflowVariable, Scope = EnvironmentObjectScope.Deployment, ScopeEntityId = deploymentId,
            AirflowVariable = new CreateEnvironmentObjectVariableRequest { IsSecret = false, Value = "on" },
        }, Ct);
        var metrics = await _client.CreateEnvironmentObjectAsync(new CreateEnvironmentObjectRequest
        {
            ObjectKey = "prometheus", ObjectType = EnvironmentObjectType.MetricsExport, Scope = EnvironmentObjectScope.Workspace, ScopeEntityId = home,
            AutoLinkDeployments = true,
            MetricsExport = new CreateEnvironmentObjectMetricsExportRequest
            {
                Endpoint = "https://prometheus.example.com/write", ExporterType = MetricsExporterType.Prometheus, AuthType = MetricsExportAuthType.Basic,
                Username = "u", Password = "basic-s3cr3t", Headers = new Dictionary<string, string> { ["X-A"] = "1" }, Labels = new Dictionary<string, string> { ["l"] = "v" },
            },
            Links =
            [
                new CreateEnvironmentObjectLinkRequest
                {
                    ScopeEntityId = deploymentId,
                    Overrides = new CreateEnvironmentObjectOverridesRequest
                    {
                        MetricsExport = new EnvironmentObjectMetricsExportOverridesRequest
                        {
                            Endpoint = "https://staging.example.com/write", ExporterType = MetricsExporterType.Prometheus, AuthType = MetricsExportAuthType.AuthToken,
                            BasicToken = "override-s3cr3t", Headers = new Dictionary<string, string> { ["X-B"] = "2" }, Labels = new Dictionary<string, string> { ["env"] = "s" },
                        },
                    },
                },
            ],
        }, Ct);
        await _client.GetEnvironmentObjectAsync(connection.Id, Ct);
        await _client.ListEnvironmentObjectsAsync(new ListEnvironmentObjectsQuery
        {
            WorkspaceId = home, ObjectType = EnvironmentObjectType.Connection, ObjectKey = "warehouse", ShowSecrets = false, ResolveLinked = false,
            Sorts = ["objectKey:asc"], Limit = 10, Offset = 0,
        }, Ct);
        await _client.ListAllEnvironmentObjectsAsync(new ListEnvironmentObjectsQuery { DeploymentId = deploymentId, ResolveLinked = true }, Ct);
        await _client.UpdateEnvironmentObjectAsync(connection.Id, new UpdateEnvironmentObjectRequest
        {
            Description = "changed", AutoLinkDeployments = false,
            Connection = new EnvironmentObjectConnectionRequest { Type = "snowflake", Password = "new-s3cr3t" },
            Links =
            [
                new UpdateEnvironmentObjectLinkRequest
                {
                    ScopeEntityId = deploymentId,
                    Overrides = new UpdateEnvironmentObjectOverridesRequest
                    {
                        Connection = new EnvironmentObjectConnectionOverridesRequest { Host = "h3" },
                        UnsetFields = ["password", "extra.role"],
                    },
                },
            ],
            ExcludeLinks = [],
        }, Ct);
        await _client.UpdateEnvironmentObjectAsync(variable.Id, new UpdateEnvironmentObjectRequest
        {
            EnvironmentVariable = new UpdateEnvironmentObjectVariableRequest { Value = "var2-s3cr3t" },
            AutoLinkDeployments = true,
            ExcludeLinks = [new ExcludeLinkEnvironmentObjectRequest { ScopeEntityId = deploymentId }],
        }, Ct);
        await _client.UpdateEnvironmentObjectAsync(metrics.Id, new UpdateEnvironmentObjectRequest
        {
            AutoLinkDeployments = false,
            MetricsExport = new UpdateEnvironmentObjectMetricsExportRequest { Endpoint = "https://prometheus.example.com/v2", Labels = new Dictionary<string, string>() },
        }, Ct);
        var auto = await _client.CreateEnvironmentObjectAsync(new CreateEnvironmentObjectRequest
        {
            ObjectKey = "auto", ObjectType = EnvironmentObjectType.AirflowVariable, Scope = EnvironmentObjectScope.Workspace, ScopeEntityId = home,
            AutoLinkDeployments = true, AirflowVariable = new CreateEnvironmentObjectVariableRequest { Value = "x" },
        }, Ct);
        await _client.ExcludeEnvironmentObjectLinkAsync(auto.Id, new ExcludeLinkEnvironmentObjectRequest { ScopeEntityId = deploymentId }, Ct);
        await _client.DeleteEnvironmentObjectAsync(auto.Id, Ct);

        var token = await _client.CreateApiTokenAsync(new CreateApiTokenRequest
        {
            Name = "ci", Description = "d", Scope = ApiTokenScope.Workspace, EntityId = home, Role = "WORKSPACE_AUTHOR",
            Kind = ApiTokenKind.Standard, TokenExpiryPeriodInDays = 30,
        }, Ct);
        var organization = await _client.CreateApiTokenAsync(new CreateApiTokenRequest { Name = "org", Scope = ApiTokenScope.Organization, Role = "ORGANIZATION_MEMBER" }, Ct);
        await _client.GetApiTokenAsync(token.Id, Ct);
        await _client.ListApiTokensAsync(new ListApiTokensQuery
        {
            WorkspaceId = home, DeploymentId = deploymentId, DagId = "etl", DagTags = ["a", "b"], IncludeOnlyOrganizationTokens = false,
            Kind = ApiTokenKind.Standard, Sorts = ["tokenStartAt:desc"], Limit = 10, Offset = 0,
        }, Ct);
        await _client.ListAllApiTokensAsync(null, Ct);
        await _client.UpdateApiTokenAsync(token.Id, new UpdateApiTokenRequest { Name = "ci-2", Description = "changed" }, Ct);
        await _client.UpdateApiTokenRolesAsync(token.Id, new UpdateApiTokenRolesRequest
        {
            Roles =
            [
                new ApiTokenRole { EntityType = ApiTokenRoleEntityType.Workspace, EntityId = home, Role = "WORKSPACE_OWNER" },
                new ApiTokenRole { EntityType = ApiTokenRoleEntityType.Dag, EntityId = "etl", Role = "DAG_VIEWER", DeploymentId = deploymentId },
            ],
        }, Ct);
        var rotated = await _client.RotateApiTokenAsync(token.Id, Ct);
        _tokenValues.AddRange([token.Token!, organization.Token!, rotated.Token!]);
        await _client.DeleteApiTokenAsync(organization.Id, Ct);

        var remote = await _client.CreateDeploymentAsync(new CreateDedicatedDeploymentRequest
        {
            Name = "remote", WorkspaceId = home, ClusterId = clusterId, Executor = Executor.Astro, IsCicdEnforced = false, IsDagDeployEnabled = true,
            IsDevelopmentMode = false, IsHighAvailability = false, SchedulerSize = SchedulerSize.Small,
            RemoteExecution = new DeploymentRemoteExecutionRequest { Enabled = true, AllowedIpAddressRanges = ["10.0.0.0/8"] },
        }, Ct);
        var agent = await _client.CreateAgentTokenAsync(remote.Id, new CreateAgentTokenRequest { Name = "agent", Description = "d", TokenExpiryPeriodInDays = 7 }, Ct);
        _tokenValues.Add(agent.Token!);
        await _client.GetAgentTokenAsync(remote.Id, agent.Id, Ct);
        await _client.ListAgentTokensAsync(remote.Id, new ListAgentTokensQuery { Sorts = ["createdById:asc"], Limit = 1, Offset = 0 }, Ct);
        await _client.ListAllAgentTokensAsync(remote.Id, null, Ct);
        await _client.DeleteAgentTokenAsync(remote.Id, agent.Id, Ct);
        await _client.DeleteDeploymentAsync(remote.Id, Ct);

        await _client.DeleteWorkspaceAsync(ws.Id, Ct);
    }
}
