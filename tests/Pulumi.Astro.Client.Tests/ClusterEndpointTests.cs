namespace Pulumi.Astro.Client.Tests;

/// <summary>Cluster endpoints against astro-sim (API fact sheet §2, §4.5, §4.6, §5.1).</summary>
public sealed class ClusterEndpointTests : SimTestBase
{
    [Test]
    public async Task CreateCluster_Aws_RoundTripsAndCanBeRead()
    {
        var client = NewClient();

        var created = await client.CreateClusterAsync(new CreateAwsClusterRequest
        {
            Type = ClusterType.Dedicated,
            Name = "aws-one",
            Region = "us-east-1",
            VpcSubnetRange = "172.20.0.0/22",
            K8sTags = [new ClusterK8sTag { Key = "team", Value = "data" }],
            WorkspaceIds = [Sim.WorkspaceId],
        }, Ct);
        var read = await client.GetClusterAsync(created.Id, Ct);

        Assert.That(created.Id, Is.Not.Empty);
        Assert.That(read.Name, Is.EqualTo("aws-one"));
        Assert.That(read.CloudProvider, Is.EqualTo(CloudProvider.Aws));
        Assert.That(read.Type, Is.EqualTo(ClusterType.Dedicated));
        Assert.That(read.Region, Is.EqualTo("us-east-1"));
        Assert.That(read.VpcSubnetRange, Is.EqualTo("172.20.0.0/22"));
        Assert.That(read.Status.IsKnown, Is.True);
        Assert.That(read.OrganizationId, Is.EqualTo(Sim.OrganizationId));
        Assert.That(read.Tags!.Select(t => (t.Key, t.Value)), Is.EqualTo(new[] { ("team", "data") }));
        Assert.That(read.WorkspaceIds, Is.EqualTo(new[] { Sim.WorkspaceId }));
    }

    [Test]
    public async Task CreateCluster_GcpAndAzure_WriteTheirProviderFields()
    {
        var client = NewClient();

        var gcp = await client.CreateClusterAsync(new CreateGcpClusterRequest
        {
            Type = ClusterType.Dedicated,
            Name = "gcp-one",
            Region = "us-central1",
            VpcSubnetRange = "172.20.0.0/22",
            PodSubnetRange = "172.21.0.0/19",
            ServiceSubnetRange = "172.22.0.0/22",
            ServicePeeringRange = "172.23.0.0/20",
        }, Ct);
        var azure = await client.CreateClusterAsync(new CreateAzureClusterRequest
        {
            Type = ClusterType.Dedicated,
            Name = "azure-one",
            Region = "eastus2",
            VpcSubnetRange = "172.20.0.0/19",
        }, Ct);

        Assert.That(gcp.CloudProvider, Is.EqualTo(CloudProvider.Gcp));
        Assert.That(gcp.PodSubnetRange, Is.EqualTo("172.21.0.0/19"));
        Assert.That(gcp.ServicePeeringRange, Is.EqualTo("172.23.0.0/20"));
        Assert.That(azure.CloudProvider, Is.EqualTo(CloudProvider.Azure));
    }

    [Test]
    public async Task UpdateCluster_Dedicated_ChangesNameAndTags()
    {
        var client = NewClient();
        var created = await client.CreateClusterAsync(TestData.AwsCluster("before"), Ct);

        var updated = await client.UpdateClusterAsync(created.Id, new UpdateDedicatedClusterRequest
        {
            Name = "after",
            K8sTags = [new ClusterK8sTag { Key = "env", Value = "test" }],
            WorkspaceIds = [],
        }, Ct);
        var read = await client.GetClusterAsync(created.Id, Ct);

        Assert.That(updated.Name, Is.EqualTo("after"));
        Assert.That(read.Name, Is.EqualTo("after"));
        Assert.That(read.Tags!.Single().Key, Is.EqualTo("env"));
    }

    [Test]
    public async Task DeleteCluster_Existing_ThenGetThrowsNotFound()
    {
        var client = NewClient();
        var created = await client.CreateClusterAsync(TestData.AwsCluster("doomed"), Ct);

        await client.DeleteClusterAsync(created.Id, Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetClusterAsync(created.Id, Ct))!;
        Assert.That(e.IsNotFound, Is.True);
        Assert.That((await RequestsAsync("DELETE", created.Id, atLeast: 1)).Single().Status, Is.EqualTo(204));
    }

    [Test]
    public async Task ListClusters_FilteredByNameAndProvider_ReturnsMatches()
    {
        var client = NewClient();
        await client.CreateClusterAsync(TestData.AwsCluster("alpha"), Ct);
        await client.CreateClusterAsync(TestData.AwsCluster("beta"), Ct);

        var byName = await client.ListClustersAsync(new ListClustersQuery { Names = ["beta"] }, Ct);
        var byProvider = await client.ListClustersAsync(new ListClustersQuery { Provider = CloudProvider.Gcp }, Ct);
        var sorted = await client.ListClustersAsync(new ListClustersQuery { Sorts = ["name:desc"] }, Ct);

        Assert.That(byName.Clusters.Select(c => c.Name), Is.EqualTo(new[] { "beta" }));
        Assert.That(byProvider.Clusters, Is.Empty);
        Assert.That(sorted.Clusters.Select(c => c.Name), Is.EqualTo(new[] { "beta", "alpha" }));
    }

    [Test]
    public async Task ListAllClusters_MoreThanOnePage_WalksOffsetAndLimit()
    {
        var client = NewClient();
        var names = Enumerable.Range(1, 5).Select(i => $"cluster-{i}").ToList();
        foreach (var name in names)
            await client.CreateClusterAsync(TestData.AwsCluster(name), Ct);
        await Sim.Control.ClearRequestsAsync();

        var firstPage = await client.ListClustersAsync(new ListClustersQuery { Limit = 2 }, Ct);
        var all = await client.ListAllClustersAsync(new ListClustersQuery { Limit = 2, Sorts = ["name:asc"] }, Ct);

        Assert.That(firstPage.Clusters, Has.Count.EqualTo(2));
        Assert.That(firstPage.TotalCount, Is.EqualTo(5));
        Assert.That(all.Select(c => c.Name), Is.EqualTo(names));
        var pages = (await RequestsAsync("GET", "/clusters", atLeast: 4)).Select(r => r.Query).Where(q => q.Contains("offset=")).ToList();
        Assert.That(pages, Is.EquivalentTo(new[]
        {
            "?offset=0&limit=2&sorts=name%3Aasc",
            "?offset=2&limit=2&sorts=name%3Aasc",
            "?offset=4&limit=2&sorts=name%3Aasc",
        }));
    }

    [Test]
    public async Task ListAllClusters_NoLimit_UsesPagesOf1000()
    {
        var client = NewClient();
        await client.CreateClusterAsync(TestData.AwsCluster("only"), Ct);

        var all = await client.ListAllClustersAsync(null, Ct);

        Assert.That(all, Has.Count.EqualTo(1));
        Assert.That((await RequestsAsync("GET", "/clusters", atLeast: 1)).Single().Query, Is.EqualTo("?offset=0&limit=1000"));
    }
}
