using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The Deploy resource's life: the built plugin process, a fake engine, and astro-sim, as in DeploymentLifecycleTests.</summary>
public sealed class DeployLifecycleTests : PluginFixture
{
    private const string Type = "astro:index:Deploy";

    private static string Urn(string name, string type = Type) => UrnOf(name, type);

    /// <summary>A HEALTHY Deployment made through the plugin, as a program with a Deployment and a Deploy would.</summary>
    private async Task<string> NewDeployment(string name, bool dagDeploys = true)
    {
        var news = StandardDeployment(Sim.WorkspaceId, name);
        news.Fields["isDagDeployEnabled"] = B(dagDeploys);
        const string type = "astro:index:Deployment";
        var check = await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name, type), Name = name, Type = type, Olds = new Struct(), News = news });
        Assert.That(check.Failures, Is.Empty);
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name, type), Name = name, Type = type, Properties = check.Inputs });
        return created.Id;
    }

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null) => CheckedAs(Type, name, news, olds);

    private static Struct Program(string deploymentId, DagFolder dags, string description = "ship DAGs") =>
        Struct(("deploymentId", S(deploymentId)), ("dagsPath", S(dags.Path)), ("description", S(description)));

    [Test]
    public async Task Create_DeployFailed_RollsBackAndCarriesId()
    {
        using var dags = new DagFolder();
        var deploymentId = await NewDeployment("rollback");
        var good = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("good"), Type = Type, Properties = await Checked("good", Program(deploymentId, dags)) });
        var goodId = good.Properties.Fields["deployId"].StringValue;

        dags.Write("broken.py", "import does_not_exist\n");
        var bad = await Checked("bad", Program(deploymentId, dags));
        bad.Fields["rollbackOnFailure"] = B(true);
        await Sim.Control.SetTimingsAsync(deploySeconds: 60);
        try
        {
            var createTask = Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("bad"), Type = Type, Properties = bad, Timeout = 30 }).ResponseAsync;
            var badId = await FinalizedDeploy(deploymentId, except: goodId);
            await Sim.Control.ForceStatusAsync("deploy", badId, "FAILED", "DAG import errors");
            var error = Assert.ThrowsAsync<RpcException>(async () => await createTask)!;

            var detail = PartialState.From(error);
            Assert.That(detail, Is.Not.Null, "the status must carry ErrorResourceInitFailed");
            Assert.That(detail!.Id, Is.EqualTo($"{deploymentId}/{badId}"));
            Assert.That(detail.Properties.Fields["status"].StringValue, Is.EqualTo("FAILED"));
            var requests = await Sim.Control.RequestsAsync();
            var rollback = requests.Single(r => r.Method == "POST" && r.Path.EndsWith($"/deploys/{goodId}/rollback", StringComparison.Ordinal));
            Assert.That(rollback.Status, Is.EqualTo(200));
            var deploys = (JArray)(await Api(HttpMethod.Get, $"deployments/{deploymentId}/deploys"))["deploys"]!;
            var rolled = deploys.Single(d => (string?)d["rollbackFromId"] == badId);
            Assert.That(error.Status.Detail, Does.Contain($"rolled back to deploy {goodId} (rollback deploy {rolled["id"]})"));
            Assert.That(error.Status.Detail, Does.Contain("FAILED"));

            // The next update ships it again.
            var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = detail.Id, Urn = Urn("bad"), Type = Type, Olds = detail.Properties, OldInputs = bad, News = bad });
            Assert.That(diff.Replaces, Is.EqualTo(new[] { "status" }));
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(deploySeconds: SimServer.FastSeconds);
        }
    }

    [Test]
    public async Task Create_DagDeploysDisabled_InvalidArgumentBeforeAnyPost()
    {
        using var dags = new DagFolder();
        var deploymentId = await NewDeployment("nodags", dagDeploys: false);
        var inputs = await Checked("nodags", Program(deploymentId, dags));
        await Sim.Control.ClearRequestsAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("nodags"), Type = Type, Properties = inputs }))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("deploymentId: ").And.Contain("isDagDeployEnabled"));
        Assert.That((await Sim.Control.RequestsAsync()).Where(r => r.Method == "POST"), Is.Empty, "nothing was created");
    }

    [Test]
    public async Task Read_WithoutInputs_ImportRefusedSayingWhyAndWhatToDoInstead()
    {
        using var dags = new DagFolder();
        var deploymentId = await NewDeployment("imported");
        var program = await Checked("imp", Program(deploymentId, dags));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("imp"), Type = Type, Properties = program });

        // `pulumi import` and the import option read with no inputs: Astro cannot say which folder a deploy shipped.
        var refused = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("imp"), Type = Type }))!;
        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(refused.Status.Detail, Does.Contain("cannot be imported").And.Contain("Declare the Deploy").And.Contain("getDeploy"));

        // A refresh (with inputs) still reads it, and keeps what Astro cannot say.
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("imp"), Type = Type, Inputs = program, Properties = created.Properties });
        Assert.That(read.Id, Is.EqualTo(created.Id));
        Assert.That(read.Inputs.Fields["dagsPath"], Is.EqualTo(program.Fields["dagsPath"]));
        Assert.That(read.Inputs.Fields["contentHash"], Is.EqualTo(program.Fields["contentHash"]));

        var malformed = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.ReadAsync(new ReadRequest { Id = "just-an-id", Urn = Urn("imp"), Type = Type }))!;
        Assert.That(malformed.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(malformed.Status.Detail, Does.Contain("<deploymentId>/<deployId>"));
        var gone = await Plugin.Client.ReadAsync(new ReadRequest { Id = $"{deploymentId}/cnosuchdeploy000000000000", Urn = Urn("imp"), Type = Type, Inputs = program, Properties = created.Properties });
        Assert.That(gone.Id, Is.Empty);
    }

    [Test]
    public async Task Invoke_GetDeploy_ReturnsTheDeploysFields()
    {
        using var dags = new DagFolder();
        var deploymentId = await NewDeployment("invoked");
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("inv"), Type = Type, Properties = await Checked("inv", Program(deploymentId, dags)) });
        var deployId = created.Properties.Fields["deployId"].StringValue;
        var reply = await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getDeploy", Args = Struct(("deploymentId", S(deploymentId)), ("deployId", S(deployId))) });
        Assert.That(reply.Failures, Is.Empty);
        var r = reply.Return.Fields;
        Assert.That(r["deployId"].StringValue, Is.EqualTo(deployId));
        Assert.That(r["deploymentId"].StringValue, Is.EqualTo(deploymentId));
        Assert.That(r["type"].StringValue, Is.EqualTo("DAG_ONLY"));
        Assert.That(r["status"].StringValue, Is.EqualTo("DEPLOYED"));
        Assert.That(r["dagTarballVersion"].StringValue, Is.EqualTo(created.Properties.Fields["dagTarballVersion"].StringValue));
        Assert.That(r["description"].StringValue, Is.EqualTo("ship DAGs"));

        var missing = await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getDeploy", Args = Struct(("deploymentId", S(deploymentId))) });
        Assert.That(missing.Failures.Select(f => f.Property), Is.EqualTo(new[] { "deployId" }));
    }

    /// <summary>Waits (by polling astro-sim's request log) until a deploy of the Deployment other than <paramref name="except"/> is finalized.</summary>
    private async Task<string> FinalizedDeploy(string deploymentId, string except)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var finalize = (await Sim.Control.RequestsAsync()).FirstOrDefault(r =>
                r.Method == "POST" && r.Path.Contains($"/deployments/{deploymentId}/deploys/", StringComparison.Ordinal) &&
                r.Path.EndsWith("/finalize", StringComparison.Ordinal) && !r.Path.Contains(except, StringComparison.Ordinal));
            if (finalize is not null) return finalize.Path.Split('/')[^2];
            await Task.Delay(20, cts.Token);
        }
    }

    // ---- image deploys: the CI pushed an image under its own tag; the Deploy tags it as Astro assigns (§5.6, §7.4) ----

    private static Struct ImageProgram(string deploymentId, string type, string ciTag, DagFolder? dags = null)
    {
        var s = Struct(("deploymentId", S(deploymentId)), ("type", S(type)), ("imageTag", S(ciTag)), ("description", S("ship the image")));
        if (dags is not null) s.Fields["dagsPath"] = S(dags.Path);
        return s;
    }

    [Test]
    public async Task ImageAndDag_CiTagAndFolder_ShipsBoth()
    {
        using var dags = new DagFolder();
        var deploymentId = await NewDeployment("imganddag");
        var repository = (string)(await Api(HttpMethod.Get, $"deployments/{deploymentId}"))["imageRepository"]!;
        var pushed = await Sim.Registry.PushAsync(repository, "ci-42", SimRegistry.Manifest("both"));
        var inputs = await Checked("both", ImageProgram(deploymentId, "IMAGE_AND_DAG", "ci-42", dags));

        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("both"), Name = "both", Type = Type, Properties = inputs });

        var deployId = created.Properties.Fields["deployId"].StringValue;
        var assigned = created.Properties.Fields["deployedImageTag"].StringValue;
        var deployment = await Api(HttpMethod.Get, $"deployments/{deploymentId}");
        var blob = await Sim.Control.GetBlobAsync(deployId);
        Assert.Multiple(() =>
        {
            Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("DEPLOYED"));
            Assert.That((string?)deployment["imageTag"], Is.EqualTo(assigned));
            Assert.That((string?)deployment["dagTarballVersion"], Is.EqualTo(created.Properties.Fields["dagTarballVersion"].StringValue));
            Assert.That(blob, Is.EqualTo(DagFolder.GzipOf(dags.Path)), "the DAGs shipped as for DAG_ONLY");
            Assert.That(created.Properties.Fields["contentHash"].StringValue, Is.EqualTo(inputs.Fields["contentHash"].StringValue));
        });
        Assert.That((await Sim.Registry.GetAsync(repository, assigned))?.Digest, Is.EqualTo(pushed));
    }

    [Test]
    public async Task ImageOnly_CiTagNotPushed_InvalidArgumentNamingImageTagAndNoDeployPosted()
    {
        var deploymentId = await NewDeployment("imgtypo");
        var repository = (string)(await Api(HttpMethod.Get, $"deployments/{deploymentId}"))["imageRepository"]!;
        var inputs = await Checked("typo", ImageProgram(deploymentId, "IMAGE_ONLY", "git-typo"));
        await Sim.Control.ClearRequestsAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("typo"), Type = Type, Properties = inputs }))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("imageTag: ").And.Contain($"{repository}:git-typo does not exist").And.Contain("no deploy was created"));
        Assert.That(error.Status.Detail, Does.Not.Contain(Sim.Token));
        var requests = await Sim.Control.RequestsAsync();
        Assert.That(requests.Where(r => r.Method == "POST"), Is.Empty, "nothing was created");
        Assert.That(requests.Where(r => r.Method == "HEAD" && r.Path.EndsWith("/manifests/git-typo", StringComparison.Ordinal)), Is.Not.Empty, "the tag was looked up");
    }

    [Test]
    public async Task ImageOnly_RetagRefused_InitFailedWithIdNotFinalizedAndShipsAgain()
    {
        var deploymentId = await NewDeployment("imgrefused", dagDeploys: false);
        var repository = (string)(await Api(HttpMethod.Get, $"deployments/{deploymentId}"))["imageRepository"]!;
        await Sim.Registry.PushAsync(repository, "ci-refused", SimRegistry.Manifest("refused"));
        var inputs = await Checked("refused", ImageProgram(deploymentId, "IMAGE_ONLY", "ci-refused"));
        await Sim.Control.ClearRequestsAsync();
        await Sim.Control.AddFaultAsync(new SimFault { Method = "PUT", PathPattern = "/manifests/deploy-", Status = 403, Times = 1 });
        try
        {
            var error = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("refused"), Type = Type, Properties = inputs }))!;

            var detail = PartialState.From(error);
            Assert.That(detail, Is.Not.Null, "the deploy was created, so its id is kept");
            var deployId = detail!.Properties.Fields["deployId"].StringValue;
            Assert.That(detail.Id, Is.EqualTo($"{deploymentId}/{deployId}"));
            Assert.That(error.Status.Detail, Does.Contain("was created but not finalized").And.Contain("403"));
            Assert.That((await Sim.Control.RequestsAsync()).Where(r => r.Path.EndsWith("/finalize", StringComparison.Ordinal)), Is.Empty);
            var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = detail.Id, Urn = Urn("refused"), Type = Type, Olds = detail.Properties, OldInputs = inputs, News = inputs });
            Assert.That(diff.Replaces, Has.Member("status"), "a deploy never finalized is shipped again");
        }
        finally
        {
            await Sim.Control.ClearFaultsAsync();
        }
    }
}

/// <summary>
/// The Deploy's lifecycles, once per astro-sim response mode (full, lean, null). A DAG deploy needs the upload URL that
/// only the create answer carries (`dagsUploadUrl`, optional in Astro's model): without it the deploy stops, unfinalized,
/// with its id kept and a clear error; an image deploy needs nothing optional.
/// </summary>
[TestFixture("full")]
[TestFixture("lean")]
[TestFixture("null")]
public sealed class DeployLifecycleInEveryModeTests(string responses) : PluginFixture(responses)
{
    private const string Type = "astro:index:Deploy";

    private static string Urn(string name, string type = Type) => UrnOf(name, type);

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null) => CheckedAs(Type, name, news, olds);

    /// <summary>A HEALTHY Deployment made directly at astro-sim.</summary>
    private async Task<string> NewDeployment(string name, bool dagDeploys = true)
    {
        var id = (string)(await Api(HttpMethod.Post, "deployments", new JObject
        {
            ["type"] = "STANDARD", ["name"] = name, ["workspaceId"] = Sim.WorkspaceId, ["cloudProvider"] = "AWS", ["region"] = "us-east-1",
            ["isDagDeployEnabled"] = dagDeploys, ["defaultTaskPodCpu"] = "0.5", ["defaultTaskPodMemory"] = "1Gi", ["resourceQuotaCpu"] = "10", ["resourceQuotaMemory"] = "20Gi",
        }))["id"]!;
        using var ceiling = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((string?)(await Api(HttpMethod.Get, $"deployments/{id}"))["status"] != "HEALTHY") await Task.Delay(50, ceiling.Token);
        return id;
    }

    private static Struct Program(string deploymentId, DagFolder dags, string description = "ship DAGs") =>
        Struct(("deploymentId", S(deploymentId)), ("dagsPath", S(dags.Path)), ("description", S(description)));

    private static Struct ImageProgram(string deploymentId, string type, string ciTag, DagFolder? dags = null)
    {
        var s = Struct(("deploymentId", S(deploymentId)), ("type", S(type)), ("imageTag", S(ciTag)), ("description", S("ship the image")));
        if (dags is not null) s.Fields["dagsPath"] = S(dags.Path);
        return s;
    }
    [Test]
    public async Task Lifecycle_ShipEditReplaceUpdateDelete()
    {
        using var dags = new DagFolder();
        var deploymentId = await NewDeployment("dagship");
        var inputs = await Checked("dags", Program(deploymentId, dags));
        if (Lean)
        {
            // Astro's create answer carries the DAG upload URL only as an optional field: a lean answer leaves it out, so the
            // deploy is created but cannot be uploaded or finalized. It is kept with its id, and says why.
            await Sim.Control.ClearRequestsAsync();
            var stopped = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("dags"), Name = "dags", Type = Type, Properties = inputs }))!;
            var partial = PartialState.From(stopped);
            Assert.That(partial?.Id, Does.StartWith($"{deploymentId}/"));
            Assert.That(stopped.Status.Detail, Does.Contain("was created but not finalized").And.Contain("no dagsUploadUrl"));
            Assert.That(await Sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Path.EndsWith("/finalize", StringComparison.Ordinal)), "a deploy never finalized changes nothing");
            return;
        }
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("dags"), Name = "dags", Type = Type, Properties = inputs });
        var deployId = created.Properties.Fields["deployId"].StringValue;
        Assert.That(created.Id, Is.EqualTo($"{deploymentId}/{deployId}"));
        Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("DEPLOYED"));
        Assert.That(created.Properties.Fields["contentHash"].StringValue, Is.EqualTo(inputs.Fields["contentHash"].StringValue));
        var version = created.Properties.Fields["dagTarballVersion"].StringValue;
        var deployment = await Api(HttpMethod.Get, $"deployments/{deploymentId}");
        Assert.That((string?)deployment["dagTarballVersion"], Is.EqualTo(version), "create waits until the Deployment runs the new DAGs");
        Assert.That((string?)deployment["status"], Is.EqualTo("HEALTHY"));
        Assert.That(Engine.Logs.Any(l => l.Ephemeral && l.Urn == Urn("dags")), Is.True, "progress lines arrive during the wait");

        // The bytes astro-sim received are the folder, under dags/, without the excluded files.
        var blob = await Sim.Control.GetBlobAsync(deployId);
        var received = new Dictionary<string, string>();
        DagFolder.Entries(blob!, received);
        Assert.That(received, Is.EqualTo(dags.Expected()));

        // Same files: same hash, no diff.
        var again = await Checked("dags", Program(deploymentId, dags), inputs);
        Assert.That(again.Fields["contentHash"], Is.EqualTo(inputs.Fields["contentHash"]));
        var none = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("dags"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = again });
        Assert.That(none.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", none.Diffs));

        // Editing one DAG: a new hash, and the diff replaces (ships a new deploy).
        dags.Write("hello.py", DagFolder.DagSource.Replace("echo hello from pulumi", "echo hello again"));
        var edited = await Checked("dags", Program(deploymentId, dags), inputs);
        Assert.That(edited.Fields["contentHash"].StringValue, Is.Not.EqualTo(inputs.Fields["contentHash"].StringValue));
        var replace = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("dags"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = edited });
        Assert.That(replace.Replaces, Is.EqualTo(new[] { "contentHash" }));
        var second = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("dags"), Name = "dags", Type = Type, Properties = edited });
        Assert.That(second.Id, Is.Not.EqualTo(created.Id));
        var secondBlob = new Dictionary<string, string>();
        DagFolder.Entries((await Sim.Control.GetBlobAsync(second.Properties.Fields["deployId"].StringValue))!, secondBlob);
        Assert.That(secondBlob["dags/hello.py"], Does.Contain("echo hello again"));

        // The replaced deploy leaves the state only: no API call but reads.
        await Sim.Control.ClearRequestsAsync();
        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("dags"), Type = Type, Properties = created.Properties });
        Assert.That((await Sim.Control.RequestsAsync()).Where(r => r.Method != "GET"), Is.Empty, "deploys are history: Delete calls nothing");
        Assert.That(Engine.Logs.Any(l => !l.Ephemeral && l.Urn == Urn("dags") && l.Message.Contains("state only")), Is.True, "Delete says so");
        var stillThere = await Api(HttpMethod.Get, $"deployments/{deploymentId}/deploys/{deployId}");
        Assert.That((string?)stillThere["id"], Is.EqualTo(deployId));

        // The description changes in place.
        var renamed = await Checked("dags", Program(deploymentId, dags, "ship DAGs, take two"), edited);
        var inPlace = await Plugin.Client.DiffAsync(new DiffRequest { Id = second.Id, Urn = Urn("dags"), Type = Type, Olds = second.Properties, OldInputs = edited, News = renamed });
        Assert.That(inPlace.Replaces, Is.Empty);
        Assert.That(inPlace.Diffs, Is.EqualTo(new[] { "description" }));
        var updated = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = second.Id, Urn = Urn("dags"), Type = Type, Olds = second.Properties, OldInputs = edited, News = renamed });
        Assert.That(updated.Properties.Fields["description"].StringValue, Is.EqualTo("ship DAGs, take two"));
        var live = await Api(HttpMethod.Get, $"deployments/{deploymentId}/deploys/{second.Properties.Fields["deployId"].StringValue}");
        Assert.That((string?)live["description"], Is.EqualTo("ship DAGs, take two"));

        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = second.Id, Urn = Urn("dags"), Type = Type, Properties = updated.Properties, Inputs = renamed });
        Assert.That(read.Id, Is.EqualTo(second.Id));
        var afterRead = await Plugin.Client.DiffAsync(new DiffRequest { Id = second.Id, Urn = Urn("dags"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = renamed });
        Assert.That(afterRead.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", afterRead.Diffs));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task ImageOnly_CiTagPushed_RetaggedDeployedAndDeploymentRunsTheAssignedTag(bool dagDeploys)
    {
        var name = dagDeploys ? "imgdags" : "imgonly";
        var deploymentId = await NewDeployment(name, dagDeploys);
        var repository = (string)(await Api(HttpMethod.Get, $"deployments/{deploymentId}"))["imageRepository"]!;
        var manifest = SimRegistry.Manifest(name);
        var pushed = await Sim.Registry.PushAsync(repository, "git-0a1b2c3", manifest);
        var inputs = await Checked(name, ImageProgram(deploymentId, "IMAGE_ONLY", "git-0a1b2c3"));
        await Sim.Control.ClearRequestsAsync();

        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name), Name = name, Type = Type, Properties = inputs });

        var assigned = created.Properties.Fields["deployedImageTag"].StringValue;
        var retagged = await Sim.Registry.GetAsync(repository, assigned);
        var deployment = await Api(HttpMethod.Get, $"deployments/{deploymentId}");
        var finalize = (await Sim.Control.RequestsAsync()).Single(r => r.Method == "POST" && r.Path.EndsWith("/finalize", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(created.Properties.Fields["imageTag"].StringValue, Is.EqualTo("git-0a1b2c3"), "the input stays the CI's tag");
            Assert.That(assigned, Is.Not.EqualTo("git-0a1b2c3").And.Not.Empty);
            Assert.That(retagged?.Digest, Is.EqualTo(pushed), "the assigned tag names the CI's image");
            Assert.That(retagged?.Data, Is.EqualTo(manifest));
            Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("DEPLOYED"));
            Assert.That((string?)deployment["imageTag"], Is.EqualTo(assigned), "create waits until the Deployment runs the new image");
            Assert.That((string?)deployment["status"], Is.EqualTo("HEALTHY"));
            Assert.That(finalize.Status, Is.EqualTo(200));
            Assert.That(created.Properties.Fields.ContainsKey("contentHash"), Is.False);
            Assert.That(Engine.Logs.Any(l => l.Urn == Urn(name) && l.Message.Contains($"tagged as {assigned}")), Is.True);
        });
    }
}
