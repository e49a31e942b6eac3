using System.Text;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Deploys, the DAG upload, finalize and rollback against astro-sim (API fact sheet §2, §4.7, §5.6, §7.4).</summary>
public sealed class DeployEndpointTests : SimTestBase
{
    private async Task<Deployment> NewDeploymentAsync(AstroClient client) =>
        await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "dags"), Ct);

    private async Task<Deploy> DeployDagsAsync(AstroClient client, string deploymentId, byte[] tarball)
    {
        var deploy = await client.CreateDeployAsync(deploymentId, new CreateDeployRequest { Type = DeployType.DagOnly }, Ct);
        var version = await client.UploadDagTarballAsync(deploy.DagsUploadUrl!, new MemoryStream(tarball), Ct);
        return await client.FinalizeDeployAsync(deploymentId, deploy.Id, new FinalizeDeployRequest { DagTarballVersion = version }, Ct);
    }

    [Test]
    public async Task DagDeploy_CreateUploadFinalize_DeploysTheUploadedVersion()
    {
        var client = NewClient();
        var deployment = await NewDeploymentAsync(client);
        var tarball = Encoding.UTF8.GetBytes("not really a tarball, but bytes all the same");

        var created = await client.CreateDeployAsync(deployment.Id, new CreateDeployRequest
        {
            Type = DeployType.DagOnly,
            Description = "first DAGs",
            Git = new CreateDeployGitRequest { Provider = GitProvider.Github, CommitSha = "abc123", Account = "acme", Repo = "dags", Branch = "main" },
        }, Ct);
        // Read from the stream's current position: the first byte is not part of the tarball.
        var stream = new MemoryStream([0xFF, .. tarball]) { Position = 1 };
        var version = await client.UploadDagTarballAsync(created.DagsUploadUrl!, stream, Ct);
        var finalized = await client.FinalizeDeployAsync(deployment.Id, created.Id, new FinalizeDeployRequest { DagTarballVersion = version }, Ct);
        var read = await client.GetDeployAsync(deployment.Id, created.Id, Ct);

        Assert.That(created.Status, Is.EqualTo(DeployStatus.Initialized));
        Assert.That(created.Type, Is.EqualTo(DeployType.DagOnly));
        Assert.That(created.Git!.CommitSha, Is.EqualTo("abc123"));
        Assert.That(created.DagsUploadUrl, Is.Not.Null);
        Assert.That(version, Is.Not.Empty);
        Assert.That(await Sim.Control.GetBlobAsync(created.Id), Is.EqualTo(tarball));
        Assert.That(stream.CanRead, Is.True, "the caller's stream is left open");
        Assert.That(finalized.DagTarballVersion, Is.EqualTo(version));
        Assert.That(read.Status, Is.EqualTo(DeployStatus.Deployed));
        Assert.That(read.DagTarballVersion, Is.EqualTo(version));
        Assert.That(read.Description, Is.EqualTo("first DAGs"));
    }

    [Test]
    public async Task UploadDagTarball_NonSeekableStream_UploadsAllBytesWithBlobHeadersAndNoToken()
    {
        var logs = new List<AstroRequestLog>();
        var client = NewClient(logger: logs.Add);
        var deployment = await NewDeploymentAsync(client);
        var deploy = await client.CreateDeployAsync(deployment.Id, new CreateDeployRequest { Type = DeployType.DagOnly }, Ct);
        var tarball = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();

        var version = await client.UploadDagTarballAsync(deploy.DagsUploadUrl!, new ForwardOnlyStream(tarball), Ct);

        Assert.That(version, Is.Not.Empty);
        Assert.That(await Sim.Control.GetBlobAsync(deploy.Id), Is.EqualTo(tarball));
        var put = logs.Single(l => l.Method == "PUT");
        Assert.That(put.StatusCode, Is.EqualTo(201));
        Assert.That(put.RequestHeaders, Does.Contain(new KeyValuePair<string, string>("x-ms-blob-type", "BlockBlob")));
        Assert.That(put.RequestHeaders.Select(h => h.Key), Has.None.EqualTo("Authorization"), "the Astro token is not for the blob store");
        Assert.That(put.Url, Does.Contain("sig=[redacted]"));
        Assert.That(put.Url, Does.Not.Contain(deploy.DagsUploadUrl!.Split("sig=")[1]));
    }

    [Test]
    public async Task UploadDagTarball_BadSignature_ThrowsApiExceptionWithoutTheUrl()
    {
        var client = NewClient();
        var deployment = await NewDeploymentAsync(client);
        var deploy = await client.CreateDeployAsync(deployment.Id, new CreateDeployRequest { Type = DeployType.DagOnly }, Ct);
        var forged = deploy.DagsUploadUrl!.Split("sig=")[0] + "sig=forged";

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.UploadDagTarballAsync(forged, new MemoryStream([1, 2, 3]), Ct))!;

        Assert.That((int)e.StatusCode, Is.EqualTo(403));
        Assert.That(e.Method, Is.EqualTo("PUT"));
        Assert.That(e.Message, Does.Not.Contain("forged"));
    }

    [Test]
    public async Task ListDeploys_TwoDeploys_PagesThroughBoth()
    {
        var client = NewClient();
        var deployment = await NewDeploymentAsync(client);
        var first = await DeployDagsAsync(client, deployment.Id, [1]);
        var second = await DeployDagsAsync(client, deployment.Id, [2]);

        var page = await client.ListDeploysAsync(deployment.Id, new ListDeploysQuery { Limit = 1 }, Ct);
        var all = await client.ListAllDeploysAsync(deployment.Id, new ListDeploysQuery { Limit = 1 }, Ct);

        Assert.That(page.Deploys, Has.Count.EqualTo(1));
        Assert.That(page.TotalCount, Is.EqualTo(2));
        Assert.That(all.Select(d => d.Id), Is.EquivalentTo(new[] { first.Id, second.Id }));
        Assert.That(await RequestsAsync("GET", "/deploys", atLeast: 3), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task UpdateDeploy_Description_ChangesIt()
    {
        var client = NewClient();
        var deployment = await NewDeploymentAsync(client);
        var deploy = await client.CreateDeployAsync(deployment.Id, new CreateDeployRequest { Type = DeployType.DagOnly, Description = "old" }, Ct);

        var updated = await client.UpdateDeployAsync(deployment.Id, deploy.Id, new UpdateDeployRequest { Description = "new" }, Ct);

        Assert.That(updated.Description, Is.EqualTo("new"));
    }

    [Test]
    public async Task RollbackDeploy_ToEarlierDeploy_CreatesRollbackDeploy()
    {
        var client = NewClient();
        var deployment = await NewDeploymentAsync(client);
        var first = await DeployDagsAsync(client, deployment.Id, [1]);
        var second = await DeployDagsAsync(client, deployment.Id, [2]);

        var rollback = await client.RollbackDeployAsync(deployment.Id, first.Id, new DeployRollbackRequest { Description = "back to the first" }, Ct);
        var read = await client.GetDeploymentAsync(deployment.Id, Ct);

        Assert.That(rollback.Id, Is.Not.EqualTo(first.Id));
        Assert.That(rollback.RollbackFromId, Is.EqualTo(second.Id));
        Assert.That(rollback.DagTarballVersion, Is.EqualTo(first.DagTarballVersion));
        Assert.That(rollback.Description, Is.EqualTo("back to the first"));
        Assert.That(read.DagTarballVersion, Is.EqualTo(first.DagTarballVersion));
    }

    /// <summary>A stream that cannot seek, like a pipe or a gzip stream being written.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
