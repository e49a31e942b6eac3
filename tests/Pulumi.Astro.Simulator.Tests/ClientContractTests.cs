using Pulumi.Astro.Client;
using Pulumi.Astro.Client.Models;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// Every request the typed client (src/Pulumi.Astro.Client) sends in a representative workload validates against the
/// real API's model (../shared/astro-v1-model.json): query parameters against the operation's, bodies against its
/// request type. astro-sim's request log records the bodies as they arrived.
/// </summary>
public sealed partial class ClientContractTests
{
    /// <summary>
    /// What the client sends today that the model does not have, one entry per (operation, JSON path, kind). The client
    /// belongs to its own work; these are listed here so that this test fails on any violation not in the list, and on
    /// an entry that no longer happens (remove it then).
    /// </summary>
    private static readonly (string Operation, string Where, ViolationKind Kind)[] KnownClientViolations =
    [
    ];

    private readonly ManualTimeProvider _clock = new();
    private SimServer _sim = null!;
    private AstroClient _client = null!;
    private CancellationTokenSource _timeout = null!;

    private CancellationToken Ct => _timeout.Token;

    [OneTimeSetUp]
    public async Task StartSim()
    {
        _sim = await SimServer.StartAsync(o =>
        {
            o.Time = _clock;
            o.LogBodies = true;
            o.ClusterSeconds = 0;
            o.DeploymentSeconds = 0;
            o.DeploySeconds = 0;
        });
        _client = new AstroClient(new AstroClientOptions
        {
            Host = _sim.BaseUrl,
            OrganizationId = _sim.OrganizationId,
            Token = _sim.Token,
            RequestTimeout = TimeSpan.FromSeconds(30),
        });
    }

    [OneTimeTearDown]
    public async Task StopSim()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [SetUp]
    public async Task ResetSim()
    {
        _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _sim.Control.ResetAsync();
    }

    [TearDown]
    public void DisposeTimeout() => _timeout.Dispose();

    [Test]
    public async Task Requests_TypedClientWorkload_EveryRequestFollowsTheModel()
    {
        await RunWorkload();

        var validator = ModelValidator.Default;
        var requests = (await _sim.Control.RequestsAsync()).Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
        var found = requests
            .SelectMany(r => validator.ValidateRequest(r.Method, r.Path, r.Query, r.RequestBody))
            .Select(v => (v.Operation, v.Where, v.Kind, Text: v.ToString()))
            .DistinctBy(v => (v.Operation, v.Where, v.Kind))
            .ToList();
        var unexpected = found.Where(v => !KnownClientViolations.Contains((v.Operation, v.Where, v.Kind))).Select(v => v.Text).ToList();
        var gone = KnownClientViolations.Where(k => !found.Any(v => (v.Operation, v.Where, v.Kind) == k)).Select(k => k.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(unexpected, Is.Empty, "new violations of the model by the client:\n" + string.Join("\n", unexpected));
            Assert.That(gone, Is.Empty, "listed violations that no longer happen (remove them from the list):\n" + string.Join("\n", gone));
        });

        // The log keeps bodies, but never a secret's value (the workload sends SECRET=s3cr3t).
        Assert.That(requests.Where(r => r.RequestBody is not null).Select(r => r.RequestBody), Has.None.Contains("s3cr3t").And.Some.Contains("[redacted]"));

        // The workload sent a body to every operation that takes one.
        var withBodies = requests.Where(r => r.RequestBody is not null).Select(r => validator.Model.Match(r.Method, r.Path)!.Name).ToHashSet();
        Assert.That(withBodies, Is.SupersetOf(new[]
        {
            // Organization access (ClientContractTests.Access.cs).
            "UpdateOrganization", "CreateCustomRole", "UpdateCustomRole", "UpdateUserRoles", "CreateTeam", "UpdateTeam", "AddTeamMembers",
            "UpdateTeamRoles", "CreateUserInvite", "CreateAllowedIpAddressRange", "BulkCreateAllowedIpAddressRanges", "BulkDeleteAllowedIpAddressRanges",
            "CreateCluster", "UpdateCluster", "CreateDeployment", "UpdateDeployment", "UpdateDeploymentHibernationOverride",
            "CreateDeploy", "UpdateDeploy", "FinalizeDeploy", "DeployRollback",
            "CreateWorkspace", "UpdateWorkspace", "CreateEnvironmentObject", "UpdateEnvironmentObject", "ExcludeLinkingEnvironmentObject",
            "CreateApiToken", "UpdateApiToken", "UpdateApiTokenRoles", "CreateAgentToken",
        }));
    }

    [Test]
    public async Task Responses_TypedClientWorkload_EveryAnswerFollowsTheModel()
    {
        await RunWorkload();

        var validator = ModelValidator.Default;
        var violations = (await _sim.Control.RequestsAsync())
            .Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(r => validator.ValidateResponse(r.Method, r.Path, r.Status, r.ResponseBody))
            .Select(v => v.ToString())
            .Distinct()
            .ToList();
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    /// <summary>
    /// Organization, options, Clusters of each cloud, Deployments of each type, hibernation, logs and deploys; then
    /// workspaces, environment objects and tokens (ClientContractTests.Environment.cs).
    /// </summary>
    private async Task RunWorkload()
    {
        var ws = _sim.WorkspaceId;
        await _client.GetOrganizationAsync(false, Ct);
        await _client.ListOrganizationsAsync(new ListOrganizationsQuery { Limit = 1, Offset = 0 }, Ct);
        await _client.GetWorkspaceAsync(ws, Ct);
        await _client.ListAllWorkspacesAsync(null, Ct);
        await _client.GetClusterOptionsAsync(new ClusterOptionsQuery { Type = ClusterType.Dedicated, Provider = CloudProvider.Gcp }, Ct);
        await _client.GetDeploymentOptionsAsync(new DeploymentOptionsQuery { DeploymentType = DeploymentType.Hybrid, Executor = Executor.Celery }, Ct);

        var aws = await _client.CreateClusterAsync(new CreateAwsClusterRequest
        {
            Type = ClusterType.Dedicated, Name = "aws", Region = "us-east-1", VpcSubnetRange = "172.20.0.0/22",
            NodePools = [new CreateNodePoolRequest { Name = "default", NodeInstanceType = "m5.xlarge", MaxNodeCount = 10, IsDefault = true }],
            K8sTags = [new ClusterK8sTag { Key = "team", Value = "data" }],
            WorkspaceIds = [ws],
        }, Ct);
        var gcp = await _client.CreateClusterAsync(new CreateGcpClusterRequest
        {
            Type = ClusterType.Dedicated, Name = "gcp", Region = "us-central1", VpcSubnetRange = "172.20.0.0/22",
            PodSubnetRange = "172.21.0.0/19", ServiceSubnetRange = "172.22.0.0/22", ServicePeeringRange = "172.23.0.0/20",
        }, Ct);
        var azure = await _client.CreateClusterAsync(new CreateAzureClusterRequest
        {
            Type = ClusterType.Dedicated, Name = "azure", Region = "eastus2", VpcSubnetRange = "172.20.0.0/19", TenantId = "tenant-1",
        }, Ct);
        var hybrid = await _client.CreateClusterAsync(new CreateAwsClusterRequest
        {
            Type = ClusterType.Hybrid, Name = "hybrid", Region = "us-west-2", VpcSubnetRange = "10.0.0.0/16",
            ProviderAccount = "123456789012", DbInstanceType = "db.t3.medium",
        }, Ct);
        await _client.ListClustersAsync(new ListClustersQuery { Limit = 2, Offset = 1, Sorts = ["name:asc"], Provider = CloudProvider.Aws, Names = ["aws"] }, Ct);
        await _client.ListAllClustersAsync(null, Ct);
        var awsNow = await _client.GetClusterAsync(aws.Id, Ct);
        await _client.UpdateClusterAsync(aws.Id, new UpdateDedicatedClusterRequest
        {
            Name = "aws-renamed",
            K8sTags = [],
            WorkspaceIds = [ws],
            NodePools = [.. awsNow.NodePools!.Select(p => new UpdateNodePoolRequest { Id = p.Id, Name = p.Name, NodeInstanceType = p.NodeInstanceType, MaxNodeCount = 12, IsDefault = p.IsDefault })],
        }, Ct);
        await _client.UpdateClusterAsync(hybrid.Id, new UpdateHybridClusterRequest { WorkspaceIds = [ws] }, Ct);
        var nodePool = (await _client.GetClusterAsync(hybrid.Id, Ct)).NodePools![0].Id;

        var queue = new WorkerQueueRequest { Name = "default", IsDefault = true, AstroMachine = AstroMachine.A5, MinWorkerCount = 0, MaxWorkerCount = 10, WorkerConcurrency = 5 };
        var standard = await _client.CreateDeploymentAsync(new CreateStandardDeploymentRequest
        {
            Name = "std", WorkspaceId = ws, Description = "standard", CloudProvider = CloudProvider.Aws, Region = "us-east-1",
            Executor = Executor.Celery, IsCicdEnforced = false, IsDagDeployEnabled = true, IsDevelopmentMode = true, IsHighAvailability = false,
            SchedulerSize = SchedulerSize.Small, DefaultTaskPodCpu = "0.5", DefaultTaskPodMemory = "1Gi", ResourceQuotaCpu = "10", ResourceQuotaMemory = "20Gi",
            WorkerQueues = [queue],
            EnvironmentVariables = [new() { Key = "PLAIN", IsSecret = false, Value = "v" }, new() { Key = "SECRET", IsSecret = true, Value = "s3cr3t" }],
            ContactEmails = ["owner@example.com"],
            ScalingSpec = new DeploymentScalingSpecRequest
            {
                HibernationSpec = new DeploymentHibernationSpecRequest
                {
                    Schedules = [new DeploymentHibernationSchedule { HibernateAtCron = "0 20 * * *", WakeAtCron = "0 8 * * *", IsEnabled = true }],
                },
            },
        }, Ct);
        var dedicated = await _client.CreateDeploymentAsync(new CreateDedicatedDeploymentRequest
        {
            Name = "ded", WorkspaceId = ws, ClusterId = aws.Id, Executor = Executor.Kubernetes, IsCicdEnforced = true, IsDagDeployEnabled = false,
            IsDevelopmentMode = false, IsHighAvailability = true, SchedulerSize = SchedulerSize.Medium,
            DefaultTaskPodCpu = "0.5", DefaultTaskPodMemory = "1Gi", ResourceQuotaCpu = "10", ResourceQuotaMemory = "20Gi",
        }, Ct);
        var hybridDeployment = await _client.CreateDeploymentAsync(new CreateHybridDeploymentRequest
        {
            Name = "hyb", WorkspaceId = ws, ClusterId = hybrid.Id, Executor = Executor.Celery,
            Scheduler = new CreateDeploymentInstanceSpecRequest { Au = 5, Replicas = 1 },
            WorkerQueues = [new HybridWorkerQueueRequest { Name = "default", IsDefault = true, NodePoolId = nodePool, MinWorkerCount = 0, MaxWorkerCount = 10, WorkerConcurrency = 5 }],
        }, Ct);
        await _client.ListDeploymentsAsync(new ListDeploymentsQuery { Limit = 2, Offset = 1, Sorts = ["createdAt:desc"], WorkspaceIds = [ws], Names = ["std", "ded"] }, Ct);
        await _client.ListAllDeploymentsAsync(new ListDeploymentsQuery { DeploymentIds = [dedicated.Id, hybridDeployment.Id] }, Ct);

        var std = await _client.GetDeploymentAsync(standard.Id, Ct);
        await _client.UpdateDeploymentAsync(standard.Id, new UpdateStandardDeploymentRequest
        {
            Name = "std-renamed", WorkspaceId = ws, Executor = Executor.Celery, IsCicdEnforced = false, IsDagDeployEnabled = true,
            IsHighAvailability = false, SchedulerSize = SchedulerSize.Medium, IsDevelopmentMode = true,
            DefaultTaskPodCpu = "1", DefaultTaskPodMemory = "2Gi", ResourceQuotaCpu = "10", ResourceQuotaMemory = "20Gi",
            EnvironmentVariables = [new() { Key = "PLAIN", IsSecret = false, Value = "changed" }, new() { Key = "SECRET", IsSecret = true }],
            WorkerQueues = [.. std.WorkerQueues!.Select(q => new UpdateWorkerQueueRequest
            {
                Id = q.Id, Name = q.Name, IsDefault = q.IsDefault, AstroMachine = AstroMachine.A10,
                MinWorkerCount = q.MinWorkerCount, MaxWorkerCount = 8, WorkerConcurrency = q.WorkerConcurrency,
            })],
        }, Ct);
        await _client.UpdateDeploymentAsync(dedicated.Id, new UpdateDedicatedDeploymentRequest
        {
            Name = "ded", WorkspaceId = ws, Executor = Executor.Kubernetes, IsCicdEnforced = false, IsDagDeployEnabled = false,
            IsHighAvailability = false, SchedulerSize = SchedulerSize.Large,
            DefaultTaskPodCpu = "0.5", DefaultTaskPodMemory = "1Gi", ResourceQuotaCpu = "20", ResourceQuotaMemory = "40Gi",
            EnvironmentVariables = [],
        }, Ct);
        var hyb = await _client.GetDeploymentAsync(hybridDeployment.Id, Ct);
        await _client.UpdateDeploymentAsync(hybridDeployment.Id, new UpdateHybridDeploymentRequest
        {
            Name = "hyb", WorkspaceId = ws, Executor = Executor.Celery, IsCicdEnforced = false, IsDagDeployEnabled = true,
            Scheduler = new UpdateDeploymentInstanceSpecRequest { Au = 10, Replicas = 2 },
            EnvironmentVariables = [],
            WorkerQueues = [.. hyb.WorkerQueues!.Select(q => new UpdateWorkerQueueRequest
            {
                Id = q.Id, Name = q.Name, IsDefault = q.IsDefault, MinWorkerCount = 1, MaxWorkerCount = 5, WorkerConcurrency = 10,
                NodePoolId = q.NodePoolId,
            })],
        }, Ct);

        await _client.SetHibernationOverrideAsync(standard.Id, new OverrideDeploymentHibernationRequest { IsHibernating = true, OverrideUntil = _clock.GetUtcNow().AddHours(3) }, Ct);
        await _client.SetHibernationOverrideAsync(standard.Id, new OverrideDeploymentHibernationRequest { IsHibernating = false }, Ct);
        await _client.DeleteHibernationOverrideAsync(standard.Id, Ct);
        await _client.GetDeploymentLogsAsync(standard.Id, new DeploymentLogsQuery
        {
            Sources = [DeploymentLogSource.Scheduler, DeploymentLogSource.Worker], Limit = 10, Offset = 0, MaxNumResults = 100, SearchText = "Deploy",
            StartDate = _clock.GetUtcNow().AddHours(-1), EndDate = _clock.GetUtcNow(),
        }, Ct);

        var dags = await _client.CreateDeployAsync(standard.Id, new CreateDeployRequest
        {
            Type = DeployType.DagOnly, Description = "dags",
            Git = new CreateDeployGitRequest { Provider = GitProvider.Github, CommitSha = "0123456789abcdef", Account = "acme", Repo = "dags", Branch = "main" },
        }, Ct);
        using (var tarball = new MemoryStream([31, 139, 8, 0, 1, 2, 3]))
        {
            var version = await _client.UploadDagTarballAsync(dags.DagsUploadUrl!, tarball, Ct);
            await _client.FinalizeDeployAsync(standard.Id, dags.Id, new FinalizeDeployRequest { DagTarballVersion = version }, Ct);
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
        var image = await _client.CreateDeployAsync(standard.Id, new CreateDeployRequest { Type = DeployType.ImageOnly }, Ct);
        await _sim.Registry.PushAsync(image.ImageRepository, image.ImageTag, SimRegistry.Manifest("client-contract"));
        await _client.FinalizeDeployAsync(standard.Id, image.Id, new FinalizeDeployRequest(), Ct);
        await _client.UpdateDeployAsync(standard.Id, image.Id, new UpdateDeployRequest { Description = "image" }, Ct);
        await _client.GetDeployAsync(standard.Id, image.Id, Ct);
        await _client.ListDeploysAsync(standard.Id, new ListDeploysQuery { Limit = 1, Offset = 1 }, Ct);
        await _client.ListAllDeploysAsync(standard.Id, null, Ct);
        await RunAccessWorkload(standard.Id);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _client.RollbackDeployAsync(standard.Id, dags.Id, new DeployRollbackRequest { Description = "back" }, Ct);

        await RunEnvironmentWorkload(standard.Id, aws.Id);

        foreach (var id in new[] { standard.Id, dedicated.Id, hybridDeployment.Id }) await _client.DeleteDeploymentAsync(id, Ct);
        foreach (var id in new[] { aws.Id, gcp.Id, azure.Id, hybrid.Id }) await _client.DeleteClusterAsync(id, Ct);
    }
}
