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
public sealed class HibernationOverrideTests
{
    private const string Type = "astro:index:HibernationOverride";
    private const string DeploymentType = "astro:index:Deployment";
    private SimServer _sim = null!;
    private FakeEngine _engine = null!;
    private PluginProcess _plugin = null!;

    private static string Urn(string name, string type = Type) => $"urn:pulumi:dev::proj::{type}::{name}";

    [OneTimeSetUp]
    public async Task Start()
    {
        _sim = await SimServer.StartAsync();
        _engine = await FakeEngine.StartAsync();
        _plugin = await PluginProcess.StartAsync(_engine.Address);
        await _plugin.Client.ConfigureAsync(new ConfigureRequest
        {
            Args = Struct(("host", S(_sim.BaseUrl.ToString())), ("organizationId", S(_sim.OrganizationId)), ("token", Secret(S(_sim.Token)))),
            AcceptSecrets = true,
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _plugin.DisposeAsync();
        await _engine.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private async Task<CheckResponse> Check(string name, Struct news, Struct? olds = null, string type = Type) =>
        await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name, type), Name = name, Type = type, Olds = olds ?? new Struct(), News = news });

    private async Task<Struct> Checked(string name, Struct news, Struct? olds = null, string type = Type)
    {
        var check = await Check(name, news, olds, type);
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        return check.Inputs;
    }

    /// <summary>A HEALTHY Deployment made through the plugin; development mode unless said otherwise.</summary>
    private async Task<(string Id, Struct Inputs, Struct Outputs)> Deployment(string name, bool developmentMode = true)
    {
        var news = StandardDeployment(_sim.WorkspaceId, name);
        news.Fields["isDevelopmentMode"] = B(developmentMode);
        var inputs = await Checked(name, news, type: DeploymentType);
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name, DeploymentType), Name = name, Type = DeploymentType, Properties = inputs });
        return (created.Id, inputs, created.Properties);
    }

    private async Task<JObject> SimDeployment(string id)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_sim.OrgUrl}/deployments/{id}");
        request.Headers.Add("Authorization", $"Bearer {_sim.Token}");
        using var response = await http.SendAsync(request);
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Lifecycle_HibernateWakeSurviveDeploymentUpdateDelete()
    {
        var (deploymentId, deploymentInputs, deploymentOutputs) = await Deployment("sleepy");
        var inputs = await Checked("nap", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true))));
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("nap"), Name = "nap", Type = Type, Properties = inputs });
        Assert.That(created.Id, Is.EqualTo(deploymentId), "the override's id is its Deployment's");
        Assert.That(created.Properties.Fields["deploymentStatus"].StringValue, Is.EqualTo("HIBERNATING"));
        Assert.That(created.Properties.Fields["isActive"].BoolValue, Is.True);
        Assert.That((string?)(await SimDeployment(deploymentId))["status"], Is.EqualTo("HIBERNATING"));

        var read = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = created.Properties, Inputs = inputs });
        var same = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(same.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", same.Diffs));

        // Awake until a time: updates in place.
        var awake = await Checked("nap", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(false)), ("overrideUntil", S("2999-01-01T00:00:00Z"))), inputs);
        var diff = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = awake });
        Assert.That(diff.Replaces, Is.Empty);
        Assert.That(diff.Diffs, Is.EquivalentTo(new[] { "isHibernating", "overrideUntil" }));
        var updated = await _plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = awake });
        Assert.That(updated.Properties.Fields["deploymentStatus"].StringValue, Is.EqualTo("HEALTHY"));

        // An update of the Deployment itself keeps the override this resource owns, and its refresh shows no drift.
        var deploymentNews = deploymentInputs.Clone();
        deploymentNews.Fields["description"] = S("a description");
        await _plugin.Client.UpdateAsync(new UpdateRequest { Id = deploymentId, Urn = Urn("sleepy", DeploymentType), Type = DeploymentType, Olds = deploymentOutputs, OldInputs = deploymentInputs, News = deploymentNews });
        var live = await SimDeployment(deploymentId);
        Assert.That((bool?)live["scalingSpec"]?["hibernationSpec"]?["override"]?["isHibernating"], Is.False, "the Deployment update kept the override");
        var deploymentRead = await _plugin.Client.ReadAsync(new ReadRequest { Id = deploymentId, Urn = Urn("sleepy", DeploymentType), Type = DeploymentType, Properties = deploymentOutputs, Inputs = deploymentNews });
        var deploymentDiff = await _plugin.Client.DiffAsync(new DiffRequest { Id = deploymentId, Urn = Urn("sleepy", DeploymentType), Type = DeploymentType, Olds = deploymentRead.Properties, OldInputs = deploymentRead.Inputs, News = deploymentNews });
        Assert.That(deploymentDiff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", deploymentDiff.Diffs));

        await _plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = updated.Properties });
        Assert.That((await SimDeployment(deploymentId))["scalingSpec"]?["hibernationSpec"]?["override"], Is.Null);
        var gone = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = updated.Properties, Inputs = awake });
        Assert.That(gone.Id, Is.Empty, "a removed override reads as gone");
        // Deleting it again succeeds without a call that Astro would refuse.
        await _sim.Control.ClearRequestsAsync();
        await _plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("nap"), Type = Type, Properties = updated.Properties });
        Assert.That(await _sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method == "DELETE"));
    }

    [Test]
    public async Task Import_ByDeploymentId_NoDiff()
    {
        var (deploymentId, _, _) = await Deployment("imported-sleepy");
        var program = await Checked("imported-nap", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true)), ("overrideUntil", S("2999-06-01T12:00:00Z"))));
        await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("imported-nap"), Type = Type, Properties = program });
        var read = await _plugin.Client.ReadAsync(new ReadRequest { Id = deploymentId, Urn = Urn("imported-nap"), Type = Type });
        Assert.That(read.Id, Is.EqualTo(deploymentId));
        await Checked("imported-nap", read.Inputs, read.Inputs);
        var diff = await _plugin.Client.DiffAsync(new DiffRequest { Id = deploymentId, Urn = Urn("imported-nap"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = program });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", diff.Diffs));
    }

    [Test]
    public async Task Create_DeploymentNotInDevelopmentMode_ClearErrorAndNoOverrideCall()
    {
        var (deploymentId, _, _) = await Deployment("production", developmentMode: false);
        var inputs = await Checked("nope", Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true))));
        await _sim.Control.ClearRequestsAsync();
        var e = Assert.ThrowsAsync<RpcException>(async () => await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("nope"), Type = Type, Properties = inputs }))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(e.Status.Detail, Does.Contain("not in development mode").And.Contain("deploymentId"));
        Assert.That(await _sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method == "POST"));
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
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("ui-nap"), Type = Type, Properties = inputs });
        using (var http = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Delete, $"{_sim.OrgUrl}/deployments/{deploymentId}/hibernation-override"))
        {
            request.Headers.Add("Authorization", $"Bearer {_sim.Token}");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }
        var read = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("ui-nap"), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(read.Id, Is.Empty);
    }

    [Test]
    public async Task Invoke_GetDeployment_ResourceShapedOutputsWithoutSecretValues()
    {
        var (deploymentId, _, outputs) = await Deployment("looked-up", developmentMode: false);
        var reply = await _plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getDeployment", Args = Struct(("id", S(deploymentId))) });
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
        var e = Assert.ThrowsAsync<RpcException>(async () => await _plugin.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = Struct(("id", S("cnosuchthingxxxxxxxxxxxxx"))) }))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(e.Status.Detail, Does.Contain("cnosuchthingxxxxxxxxxxxxx"));
    }

    [Test]
    public async Task Invoke_MissingId_FailureNamesTheArgument()
    {
        var reply = await _plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getWorkspace", Args = new Struct() });
        Assert.That(reply.Failures.Select(f => f.Property), Is.EquivalentTo(new[] { "id" }));
    }

    [Test]
    public async Task Invoke_GetWorkspace_SeededWorkspace()
    {
        var reply = await _plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getWorkspace", Args = Struct(("id", S(_sim.WorkspaceId))) });
        Assert.That(reply.Failures, Is.Empty);
        Assert.That(reply.Return.Fields["name"].StringValue, Is.EqualTo("Default Workspace"));
        Assert.That(reply.Return.Fields["organizationId"].StringValue, Is.EqualTo(_sim.OrganizationId));
        Assert.That(reply.Return.Fields["createdAt"].StringValue, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
    }
}
