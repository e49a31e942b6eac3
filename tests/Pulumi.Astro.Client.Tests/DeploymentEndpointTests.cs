namespace Pulumi.Astro.Client.Tests;

/// <summary>Deployment, hibernation-override and log endpoints against astro-sim (API fact sheet §2, §4.1–§4.4, §5.3–§5.5).</summary>
public sealed class DeploymentEndpointTests : SimTestBase
{
    [Test]
    public async Task CreateDeployment_Standard_RoundTripsFieldsAndEnvironmentVariables()
    {
        var client = NewClient();

        var created = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "standard-one"), Ct);
        var read = await client.GetDeploymentAsync(created.Id, Ct);

        Assert.That(read.Id, Is.EqualTo(created.Id));
        Assert.That(read.Name, Is.EqualTo("standard-one"));
        Assert.That(read.WorkspaceId, Is.EqualTo(Sim.WorkspaceId));
        Assert.That(read.Type, Is.EqualTo(DeploymentType.Standard));
        Assert.That(read.CloudProvider, Is.EqualTo(CloudProvider.Aws));
        Assert.That(read.Executor, Is.EqualTo(Executor.Celery));
        Assert.That(read.SchedulerSize, Is.EqualTo(SchedulerSize.Small));
        Assert.That(read.DefaultTaskPodMemory, Is.EqualTo("1Gi"));
        Assert.That(read.IsDagDeployEnabled, Is.True);
        Assert.That(read.Status.IsKnown, Is.True);
        Assert.That(read.AstroRuntimeVersion, Is.Not.Empty);
        Assert.That(read.ContactEmails, Is.EqualTo(new[] { "owner@example.com" }));
        Assert.That(read.WorkerQueues!.Single().Name, Is.EqualTo("default"));
        Assert.That(read.WorkerQueues!.Single().AstroMachine, Is.EqualTo("A5"));
        var variables = read.EnvironmentVariables!.ToDictionary(v => v.Key);
        Assert.That(variables["PLAIN"].Value, Is.EqualTo("plain-value"));
        Assert.That(variables["EMPTY"].HasValue, Is.True, "an empty value is a value");
        Assert.That(variables["EMPTY"].Value, Is.EqualTo(""));
        Assert.That(variables["SECRET"].IsSecret, Is.True);
        Assert.That(variables["SECRET"].HasValue, Is.False, "secret values are never returned (§8.1)");
    }

    [Test]
    public async Task CreateDeployment_DedicatedOnCluster_ReportsTheCluster()
    {
        var client = NewClient();
        var cluster = await client.CreateClusterAsync(TestData.AwsCluster("for-dedicated"), Ct);

        var deployment = await client.CreateDeploymentAsync(TestData.DedicatedDeployment(Sim.WorkspaceId, cluster.Id, "dedicated-one"), Ct);

        Assert.That(deployment.Type, Is.EqualTo(DeploymentType.Dedicated));
        Assert.That(deployment.ClusterId, Is.EqualTo(cluster.Id));
        Assert.That(deployment.ClusterName, Is.EqualTo("for-dedicated"));
        Assert.That(deployment.Region, Is.EqualTo("us-east-1"));
    }

    [Test]
    public async Task CreateAndUpdateDeployment_HybridOnHybridCluster_RoundTripsScheduler()
    {
        var client = NewClient();
        var cluster = await client.CreateClusterAsync(new CreateAwsClusterRequest
        {
            Type = ClusterType.Hybrid,
            Name = "hybrid",
            Region = "us-east-1",
            VpcSubnetRange = "172.20.0.0/22",
            ProviderAccount = "123456789012",
            DbInstanceType = "db.t3.medium",
            NodePools = [new CreateNodePoolRequest { Name = "workers", NodeInstanceType = "m5.xlarge", MaxNodeCount = 10, IsDefault = true }],
        }, Ct);
        var pool = cluster.NodePools!.Single();

        var created = await client.CreateDeploymentAsync(new CreateHybridDeploymentRequest
        {
            Name = "hybrid-one",
            WorkspaceId = Sim.WorkspaceId,
            ClusterId = cluster.Id,
            Executor = Executor.Celery,
            Scheduler = new CreateDeploymentInstanceSpecRequest { Au = 5, Replicas = 1 },
            WorkerQueues =
            [
                new HybridWorkerQueueRequest
                {
                    Name = "default", IsDefault = true, NodePoolId = pool.Id, MinWorkerCount = 0, MaxWorkerCount = 10, WorkerConcurrency = 5,
                },
            ],
        }, Ct);
        var updated = await client.UpdateDeploymentAsync(created.Id, new UpdateHybridDeploymentRequest
        {
            Name = "hybrid-one",
            WorkspaceId = Sim.WorkspaceId,
            Executor = Executor.Celery,
            IsCicdEnforced = false,
            IsDagDeployEnabled = false,
            EnvironmentVariables = [],
            Scheduler = new UpdateDeploymentInstanceSpecRequest { Au = 10, Replicas = 2 },
            WorkerQueues =
            [
                new UpdateWorkerQueueRequest
                {
                    Id = created.WorkerQueues!.Single().Id, Name = "default", IsDefault = true, NodePoolId = pool.Id,
                    MinWorkerCount = 0, MaxWorkerCount = 10, WorkerConcurrency = 5,
                },
            ],
        }, Ct);

        Assert.That(created.Type, Is.EqualTo(DeploymentType.Hybrid));
        Assert.That(created.SchedulerAu, Is.EqualTo(5));
        Assert.That(updated.SchedulerAu, Is.EqualTo(10));
        Assert.That(updated.SchedulerReplicas, Is.EqualTo(2));
        Assert.That(updated.WorkerQueues!.Single().NodePoolId, Is.EqualTo(pool.Id));
    }

    [Test]
    public async Task UpdateDeployment_Standard_ReplacesConfigurationAndKeepsSecret()
    {
        var client = NewClient();
        var created = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "to-update"), Ct);

        var updated = await client.UpdateDeploymentAsync(created.Id, TestData.UpdateOf(created, "updated"), Ct);
        var read = await client.GetDeploymentAsync(created.Id, Ct);

        Assert.That(updated.Name, Is.EqualTo("updated"));
        Assert.That(read.Name, Is.EqualTo("updated"));
        Assert.That(read.DefaultTaskPodCpu, Is.EqualTo("1"));
        Assert.That(read.WorkerQueues!.Single().MaxWorkerCount, Is.EqualTo(8));
        Assert.That(read.WorkerQueues!.Single().Id, Is.EqualTo(created.WorkerQueues!.Single().Id));
        var variables = read.EnvironmentVariables!.ToDictionary(v => v.Key);
        Assert.That(variables.Keys, Is.EquivalentTo(new[] { "PLAIN", "SECRET" }), "the list is replaced, EMPTY is gone (§4.2)");
        Assert.That(variables["PLAIN"].Value, Is.EqualTo("changed"));
        Assert.That(variables["SECRET"].IsSecret, Is.True);
        Assert.That(variables["SECRET"].HasValue, Is.False);
    }

    [Test]
    public async Task DeleteDeployment_Existing_ThenGetThrowsNotFound()
    {
        var client = NewClient();
        var created = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "doomed"), Ct);

        await client.DeleteDeploymentAsync(created.Id, Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetDeploymentAsync(created.Id, Ct))!;
        Assert.That(e.IsNotFound, Is.True);
    }

    [Test]
    public async Task ListDeployments_FiltersAndAllPages_ReturnMatches()
    {
        var client = NewClient();
        var one = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "one"), Ct);
        var two = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "two"), Ct);
        var three = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "three"), Ct);

        var byName = await client.ListDeploymentsAsync(new ListDeploymentsQuery { Names = ["two"] }, Ct);
        var byIds = await client.ListDeploymentsAsync(new ListDeploymentsQuery { DeploymentIds = [one.Id, three.Id], Sorts = ["name:asc"] }, Ct);
        var all = await client.ListAllDeploymentsAsync(new ListDeploymentsQuery { WorkspaceIds = [Sim.WorkspaceId], Limit = 2 }, Ct);

        Assert.That(byName.Deployments.Select(d => d.Id), Is.EqualTo(new[] { two.Id }));
        Assert.That(byIds.Deployments.Select(d => d.Name), Is.EqualTo(new[] { "one", "three" }));
        Assert.That(all.Select(d => d.Id), Is.EquivalentTo(new[] { one.Id, two.Id, three.Id }));
    }

    [Test]
    public async Task HibernationOverride_SetThenDelete_IsReflectedOnTheDeployment()
    {
        var client = NewClient();
        var deployment = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "sleepy", developmentMode: true), Ct);
        var until = DateTimeOffset.UtcNow.AddHours(2);

        var set = await client.SetHibernationOverrideAsync(deployment.Id,
            new OverrideDeploymentHibernationRequest { IsHibernating = true, OverrideUntil = until }, Ct);
        var whileSet = await client.GetDeploymentAsync(deployment.Id, Ct);
        await client.DeleteHibernationOverrideAsync(deployment.Id, Ct);
        var afterDelete = await client.GetDeploymentAsync(deployment.Id, Ct);

        Assert.That(set.IsHibernating, Is.True);
        Assert.That(set.IsActive, Is.True);
        Assert.That(set.OverrideUntil!.Value, Is.EqualTo(until).Within(TimeSpan.FromSeconds(1)));
        Assert.That(whileSet.ScalingSpec?.HibernationSpec?.Override?.IsHibernating, Is.True);
        Assert.That(whileSet.Status, Is.EqualTo(DeploymentStatus.Hibernating));
        Assert.That(afterDelete.ScalingSpec?.HibernationSpec?.Override, Is.Null);
    }

    [Test]
    public async Task SetHibernationOverride_NotDevelopmentMode_Throws400()
    {
        var client = NewClient();
        var deployment = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "awake", developmentMode: false), Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() =>
            client.SetHibernationOverrideAsync(deployment.Id, new OverrideDeploymentHibernationRequest { IsHibernating = true }, Ct))!;

        Assert.That((int)e.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task GetDeploymentLogs_SchedulerSource_ReturnsLines()
    {
        var client = NewClient();
        var deployment = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "chatty"), Ct);

        var log = await client.GetDeploymentLogsAsync(deployment.Id,
            new DeploymentLogsQuery { Sources = [DeploymentLogSource.Scheduler, DeploymentLogSource.Worker], Limit = 50, Range = 3600 }, Ct);

        Assert.That(log.Results, Is.Not.Empty);
        Assert.That(log.Results.Select(r => r.Source).Distinct(), Is.SubsetOf(new[] { DeploymentLogSource.Scheduler, DeploymentLogSource.Worker }));
        Assert.That(log.Results[0].Timestamp, Is.GreaterThan(0));
        var query = (await RequestsAsync("GET", "/logs", atLeast: 1)).Single().Query;
        Assert.That(query, Does.StartWith("?sources=scheduler&sources=worker&limit=50"));
    }
}
