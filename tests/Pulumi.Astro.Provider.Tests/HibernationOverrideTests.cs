using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// HibernationOverride and the lookup functions getDeployment and getWorkspace, driven through the plugin process
/// against astro-sim (issue 6).
/// </summary>
public sealed class HibernationOverrideTests : PluginFixture
{
    private const string Type = "astro:index:HibernationOverride";
    private const string DeploymentType = "astro:index:Deployment";

    private static string Urn(string name, string type = Type) => UrnOf(name, type);

    private async Task<CheckResponse> Check(string name, Struct news, Struct? olds = null, string type = Type) =>
        await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name, type), Name = name, Type = type, Olds = olds ?? new Struct(), News = news });

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null, string type = Type) => CheckedAs(type, name, news, olds);

    /// <summary>A HEALTHY Deployment made through the plugin; development mode unless said otherwise.</summary>
    private async Task<(string Id, Struct Inputs, Struct Outputs)> Deployment(string name, bool developmentMode = true)
    {
        var news = StandardDeployment(Sim.WorkspaceId, name);
        news.Fields["isDevelopmentMode"] = B(developmentMode);
        var inputs = await Checked(name, news, type: DeploymentType);
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name, DeploymentType), Name = name, Type = DeploymentType, Properties = inputs });
        return (created.Id, inputs, created.Properties);
    }

    private Task<JObject> SimDeployment(string id) => Api(HttpMethod.Get, $"deployments/{id}");

    [Test]
    public async Task Create_DeploymentNotInDevelopmentMode_ClearErrorAndNoOverrideCall()
    {
        var (deploymentId, _, _) = await Deployment("production", developmentMode: false);
        var inputs = await Checked("nope", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true))));
        await Sim.Control.ClearRequestsAsync();
        var e = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("nope"), Type = Type, Properties = inputs }))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(e.Status.Detail, Does.Contain("not in development mode").And.Contain("deploymentId"));
        Assert.That(await Sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method == "POST"));
    }

    [TestCase("2001-01-01T00:00:00Z", null, "must be in the future")]
    [TestCase("tomorrow", null, "RFC 3339")]
    [TestCase("2001-01-01T00:00:00Z", "2001-01-01T00:00:00Z", null)]
    [TestCase("2999-01-01T00:00:00Z", null, null)]
    public async Task Check_OverrideUntil_NewValuesMustBeFutureRfc3339(string until, string? old, string? failure)
    {
        var olds = old is null ? null : Struct(("deploymentId", S("cdep")), ("isHibernating", B(true)), ("overrideUntil", S(old)));
        var check = await Check("until", Struct(("deploymentId", S("cdep")), ("isHibernating", B(true)), ("overrideUntil", S(until))), olds);
        if (failure is null) Assert.That(check.Failures, Is.Empty, "an unchanged, expired override must not block later updates");
        else Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Has.One.StartsWith("overrideUntil: ").And.Contains(failure));
    }

    [Test]
    public async Task Read_OverrideRemovedOutOfBand_ReturnsEmptyId()
    {
        var (deploymentId, _, _) = await Deployment("ui-removed");
        var inputs = await Checked("ui-nap", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true))));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("ui-nap"), Type = Type, Properties = inputs });
        using (var http = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Delete, $"{Sim.OrgUrl}/deployments/{deploymentId}/hibernation-override"))
        {
            request.Headers.Add("Authorization", $"Bearer {Sim.Token}");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("ui-nap"), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(read.Id, Is.Empty);
    }

    [Test]
    public async Task Invoke_GetDeployment_ResourceShapedOutputsWithoutSecretValues()
    {
        var (deploymentId, _, outputs) = await Deployment("looked-up", developmentMode: false);
        var reply = await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getDeployment", Args = Struct(("id", S(deploymentId))) });
        Assert.That(reply.Failures, Is.Empty);
        var r = reply.Return.Fields;
        Assert.That(r["id"].StringValue, Is.EqualTo(deploymentId));
        foreach (var key in new[] { "name", "status", "uiUrl", "workspaceId", "region", "namespace", "createdAt" })
            Assert.That(r[key], Is.EqualTo(outputs.Fields[key]), key);
        Assert.That(r.ContainsKey("waitForHealthy"), Is.False);
        Assert.That(reply.Return.ToString(), Does.Not.Contain("hunter2"));
    }

    [TestCase("astro:index:getDeployment")]
    [TestCase("astro:index:getWorkspace")]
    public void Invoke_UnknownId_NotFoundNamingTheId(string token)
    {
        var e = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = Struct(("id", S("cnosuchthingxxxxxxxxxxxxx"))) }))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(e.Status.Detail, Does.Contain("cnosuchthingxxxxxxxxxxxxx"));
    }

    [Test]
    public async Task Invoke_MissingId_FailureNamesTheArgument()
    {
        var reply = await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getWorkspace", Args = new Struct() });
        Assert.That(reply.Failures.Select(f => f.Property), Is.EquivalentTo(new[] { "id" }));
    }

    [Test]
    public async Task Invoke_GetWorkspace_SeededWorkspace()
    {
        var reply = await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getWorkspace", Args = Struct(("id", S(Sim.WorkspaceId))) });
        Assert.That(reply.Failures, Is.Empty);
        Assert.That(reply.Return.Fields["name"].StringValue, Is.EqualTo("Default Workspace"));
        Assert.That(reply.Return.Fields["organizationId"].StringValue, Is.EqualTo(Sim.OrganizationId));
        Assert.That(reply.Return.Fields["createdAt"].StringValue, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
    }
}

/// <summary>
/// The HibernationOverride's lifecycle, once per astro-sim response mode (full, lean, null): an answer that says
/// nothing about hibernation never reads as "no override", and an update never drops one it cannot see.
/// </summary>
[TestFixture("full")]
[TestFixture("lean")]
[TestFixture("null")]
public sealed class HibernationOverrideLifecycleInEveryModeTests(string responses) : PluginFixture(responses)
{
    private const string Type = "astro:index:HibernationOverride";
    private const string DeploymentType = "astro:index:Deployment";

    private static string Urn(string name, string type = Type) => UrnOf(name, type);

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null, string type = Type) => CheckedAs(type, name, news, olds);

    private Task<JObject> SimDeployment(string id) => Api(HttpMethod.Get, $"deployments/{id}");

    /// <summary>A HEALTHY development-mode Deployment made through the plugin, naming the sizes an update must carry.</summary>
    private async Task<(string Id, Struct Inputs, Struct Outputs)> Deployment(string name)
    {
        var news = StandardDeployment(Sim.WorkspaceId, name);
        news.Fields["isDevelopmentMode"] = B(true);
        news.Fields["schedulerSize"] = S("SMALL");
        news.Fields["isHighAvailability"] = B(false);
        var inputs = await Checked(name, news, type: DeploymentType);
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name, DeploymentType), Name = name, Type = DeploymentType, Properties = inputs });
        return (created.Id, inputs, created.Properties);
    }
    [Test]
    public async Task Lifecycle_HibernateWakeSurviveDeploymentUpdateDelete()
    {
        var (deploymentId, deploymentInputs, deploymentOutputs) = await Deployment("sleepy");
        var inputs = await Checked("nap", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true))));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("nap"), Name = "nap", Type = Type, Properties = inputs });
        Assert.That(created.Id, Is.EqualTo(deploymentId), "the override's id is its Deployment's");
        Assert.That(created.Properties.Fields["deploymentStatus"].StringValue, Is.EqualTo("HIBERNATING"));
        // isActive comes from the override in Astro's answer, which a lean answer leaves out: it is not made up.
        if (Lean) Assert.That(created.Properties.Fields.ContainsKey("isActive"), Is.False);
        else Assert.That(created.Properties.Fields["isActive"].BoolValue, Is.True);
        Assert.That((string?)(await SimDeployment(deploymentId))["status"], Is.EqualTo("HIBERNATING"));

        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = created.Properties, Inputs = inputs });
        var same = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(same.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", same.Diffs));

        // Awake until a time: updates in place.
        var awake = await Checked("nap", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(false)), ("overrideUntil", S("2999-01-01T00:00:00Z"))), inputs);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = awake });
        Assert.That(diff.Replaces, Is.Empty);
        Assert.That(diff.Diffs, Is.EquivalentTo(new[] { "isHibernating", "overrideUntil" }));
        var updated = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = awake });
        Assert.That(updated.Properties.Fields["deploymentStatus"].StringValue, Is.EqualTo("HEALTHY"));

        // An update of the Deployment itself keeps the override this resource owns, and its refresh shows no drift. When
        // Astro's answer says nothing about hibernation, the update cannot see the override, so it stops rather than drop it.
        var deploymentNews = deploymentInputs.Clone();
        deploymentNews.Fields["description"] = S("a description");
        var deploymentUpdate = new UpdateRequest { Id = deploymentId, Urn = Urn("sleepy", DeploymentType), Type = DeploymentType, Olds = deploymentOutputs, OldInputs = deploymentInputs, News = deploymentNews };
        if (Lean)
        {
            var refused = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.UpdateAsync(deploymentUpdate))!;
            Assert.That(refused.Status.Detail, Does.StartWith("scalingSpec: Astro did not report the scaling spec"));
        }
        else
        {
            await Plugin.Client.UpdateAsync(deploymentUpdate);
            var deploymentRead = await Plugin.Client.ReadAsync(new ReadRequest { Id = deploymentId, Urn = Urn("sleepy", DeploymentType), Type = DeploymentType, Properties = deploymentOutputs, Inputs = deploymentNews });
            var deploymentDiff = await Plugin.Client.DiffAsync(new DiffRequest { Id = deploymentId, Urn = Urn("sleepy", DeploymentType), Type = DeploymentType, Olds = deploymentRead.Properties, OldInputs = deploymentRead.Inputs, News = deploymentNews });
            Assert.That(deploymentDiff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", deploymentDiff.Diffs));
        }
        var live = await SimDeployment(deploymentId);
        Assert.That((bool?)live["scalingSpec"]?["hibernationSpec"]?["override"]?["isHibernating"], Is.False, "the override stays");

        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = updated.Properties });
        Assert.That((await SimDeployment(deploymentId))["scalingSpec"]?["hibernationSpec"]?["override"], Is.Null);
        var gone = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = updated.Properties, Inputs = awake });
        // A lean answer does not say the override is gone: the state is kept, not dropped on a guess.
        Assert.That(gone.Id, Lean ? Is.EqualTo(created.Id) : Is.Empty, "a removed override reads as gone when Astro says so");
        // Deleting it again succeeds, without a call that Astro would refuse when its answer shows there is nothing to remove.
        await Sim.Control.ClearRequestsAsync();
        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = updated.Properties });
        if (!Lean) Assert.That(await Sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method == "DELETE"));
    }

    [Test]
    public async Task Import_ByDeploymentId_NoDiff()
    {
        var (deploymentId, _, _) = await Deployment("imported-sleepy");
        var program = await Checked("imported-nap", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true)), ("overrideUntil", S("2999-06-01T12:00:00Z"))));
        await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("imported-nap"), Type = Type, Properties = program });
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = deploymentId, Urn = Urn("imported-nap"), Type = Type });
        Assert.That(read.Id, Is.EqualTo(deploymentId));
        await Checked("imported-nap", read.Inputs, read.Inputs);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = deploymentId, Urn = Urn("imported-nap"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = program });
        if (Lean)
        {
            // Astro's lean answer leaves the override out: the program's isHibernating (required) is the only word on it,
            // and its optional end time is an update, never a replacement.
            Assert.That(read.Inputs.Fields.Keys, Is.EqualTo(new[] { "deploymentId" }));
            Assert.That(diff.Replaces, Is.Empty);
            Assert.That(diff.Diffs, Is.EqualTo(new[] { "overrideUntil" }));
        }
        else Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", diff.Diffs));
    }
}
