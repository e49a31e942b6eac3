namespace Pulumi.Astro.Client.Tests;

/// <summary>Organization, workspaces and options endpoints against astro-sim (API fact sheet §2, §5.7–§5.9).</summary>
public sealed class OrganizationEndpointTests : SimTestBase
{
    [Test]
    public async Task GetOrganization_Full_ReturnsTheOrganization()
    {
        var org = await NewClient().GetOrganizationAsync(false, Ct);

        Assert.That(org.Id, Is.EqualTo(Sim.OrganizationId));
        Assert.That(org.Name, Is.Not.Empty);
        Assert.That(org.ProductPlans, Is.Not.Empty);
        Assert.That(org.CreatedAt, Is.Not.EqualTo(default(DateTimeOffset)));
    }

    [Test]
    public async Task GetOrganization_LookUpOnly_SendsFlagAndReturnsMetadata()
    {
        var org = await NewClient().GetOrganizationAsync(true, Ct);

        Assert.That(org.Id, Is.EqualTo(Sim.OrganizationId));
        var request = (await RequestsAsync("GET", Sim.OrganizationId, atLeast: 1)).Single();
        Assert.That(request.Query, Is.EqualTo("?isLookUpOnly=true"));
    }

    [Test]
    public async Task ListOrganizations_Default_ReturnsTheOrganization()
    {
        var client = NewClient();

        var page = await client.ListOrganizationsAsync(null, Ct);
        var all = await client.ListAllOrganizationsAsync(new ListOrganizationsQuery { Sorts = ["name:asc"] }, Ct);

        Assert.That(page.Organizations.Select(o => o.Id), Is.EqualTo(new[] { Sim.OrganizationId }));
        Assert.That(page.TotalCount, Is.EqualTo(1));
        Assert.That(all.Select(o => o.Id), Is.EqualTo(new[] { Sim.OrganizationId }));
    }

    [Test]
    public async Task GetWorkspace_SeededId_ReturnsWorkspace()
    {
        var workspace = await NewClient().GetWorkspaceAsync(Sim.WorkspaceId, Ct);

        Assert.That(workspace.Id, Is.EqualTo(Sim.WorkspaceId));
        Assert.That(workspace.OrganizationId, Is.EqualTo(Sim.OrganizationId));
    }

    [Test]
    public async Task ListWorkspaces_FilteredByName_ReturnsMatchesOnly()
    {
        var client = NewClient();
        var seeded = await client.GetWorkspaceAsync(Sim.WorkspaceId, Ct);

        var match = await client.ListWorkspacesAsync(new ListWorkspacesQuery { Names = [seeded.Name], Sorts = ["name:asc", "createdAt:desc"] }, Ct);
        var none = await client.ListWorkspacesAsync(new ListWorkspacesQuery { Names = ["no such workspace"] }, Ct);
        var all = await client.ListAllWorkspacesAsync(new ListWorkspacesQuery { WorkspaceIds = [Sim.WorkspaceId] }, Ct);

        Assert.That(match.Workspaces.Select(w => w.Id), Is.EqualTo(new[] { Sim.WorkspaceId }));
        Assert.That(none.Workspaces, Is.Empty);
        Assert.That(none.TotalCount, Is.Zero);
        Assert.That(all.Select(w => w.Id), Is.EqualTo(new[] { Sim.WorkspaceId }));
        var sent = (await RequestsAsync("GET", "/workspaces", atLeast: 1))[0];
        Assert.That(sent.Query, Does.Contain("sorts=name%3Aasc&sorts=createdAt%3Adesc").Or.Contain("sorts=name:asc&sorts=createdAt:desc"));
    }

    [Test]
    public async Task GetClusterOptions_DedicatedAws_ReturnsAwsOptions()
    {
        var options = await NewClient().GetClusterOptionsAsync(new ClusterOptionsQuery { Type = ClusterType.Dedicated, Provider = CloudProvider.Aws }, Ct);

        Assert.That(options, Has.Count.EqualTo(1));
        Assert.That(options[0].Provider, Is.EqualTo(CloudProvider.Aws));
        Assert.That(options[0].Regions.Select(r => r.Name), Does.Contain("us-east-1"));
        Assert.That(options[0].DefaultVpcSubnetRange, Is.Not.Empty);
        Assert.That(options[0].NodeInstances, Is.Not.Empty);
    }

    [Test]
    public async Task GetClusterOptions_NoProvider_ReturnsEveryProvider()
    {
        var options = await NewClient().GetClusterOptionsAsync(new ClusterOptionsQuery { Type = ClusterType.Hybrid }, Ct);

        Assert.That(options.Select(o => o.Provider), Is.EquivalentTo(CloudProvider.KnownValues));
    }

    [Test]
    public async Task GetDeploymentOptions_Standard_ReturnsRuntimesAndMachines()
    {
        var options = await NewClient().GetDeploymentOptionsAsync(
            new DeploymentOptionsQuery { DeploymentType = DeploymentType.Standard, Executor = Executor.Celery, CloudProvider = CloudProvider.Aws }, Ct);

        Assert.That(options.RuntimeReleases, Is.Not.Empty);
        Assert.That(options.RuntimeReleases[0].Version, Is.Not.Empty);
        Assert.That(options.WorkerMachines.Select(m => m.Name), Does.Contain(AstroMachine.A5));
        Assert.That(options.SchedulerMachines.Select(m => m.Name), Does.Contain(SchedulerSize.Small));
        Assert.That(options.ResourceQuotas.DefaultPodSize.Cpu.Default, Is.Not.Empty);
        Assert.That(options.WorkerQueues.MaxWorkers.Ceiling, Is.GreaterThan(0));
    }
}
