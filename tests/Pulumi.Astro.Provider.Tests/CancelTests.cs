using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// Cancel (Ctrl-C in `pulumi up`): a wait in progress stops and reports partial state with the id, so nothing is
/// orphaned. A fixture of its own, because a cancelled provider is done: the engine shuts it down next. How fast it
/// stops is a timing for benchmarks/, not an assertion here: the test only needs the answer well before the wait's end.
/// </summary>
public sealed class CancelTests
{
    private const string Type = "astro:index:Deployment";

    [Test]
    public async Task Cancel_DuringCreateWait_StopsTheWaitWithPartialState()
    {
        // A Deployment that takes two minutes to become HEALTHY.
        await using var sim = await SimServer.StartAsync(o => o.DeploymentSeconds = 120);
        await using var engine = await FakeEngine.StartAsync();
        await using var plugin = await PluginProcess.StartAsync(engine.Address);
        await plugin.Client.ConfigureAsync(new ConfigureRequest
        {
            Args = Struct(("host", S(sim.BaseUrl.ToString())), ("organizationId", S(sim.OrganizationId)), ("token", Secret(S(sim.Token)))),
            AcceptSecrets = true,
        });
        const string urn = $"urn:pulumi:dev::proj::{Type}::slow";
        var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = urn, Name = "slow", Type = Type, Olds = new Struct(), News = StandardDeployment(sim.WorkspaceId, "slow") });
        Assert.That(check.Failures, Is.Empty);

        var create = plugin.Client.CreateAsync(new CreateRequest { Urn = urn, Name = "slow", Type = Type, Properties = check.Inputs }).ResponseAsync;
        // The wait is under way once the first progress line arrives.
        await engine.WaitForLogAsync(l => l.Urn == urn && l.Ephemeral && l.Message.StartsWith("CREATING", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await plugin.Client.CancelAsync(new Empty());
        // A ceiling far below the 120 s the wait would otherwise take: the create answered because the wait stopped.
        var error = Assert.ThrowsAsync<RpcException>(async () => await create.WaitAsync(TimeSpan.FromSeconds(30)))!;

        Assert.That(error.Status.Detail, Does.Contain("cancelled"));
        var detail = PartialState.From(error);
        Assert.That(detail, Is.Not.Null, "a cancelled create still reports the Deployment it made");
        Assert.That(detail!.Id, Does.Match("^c[a-z0-9]{24}$"));
        Assert.That(detail.Properties.Fields["status"].StringValue, Is.EqualTo("CREATING"), "it stopped before the Deployment was ready");
        using var control = new HttpClient();
        control.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sim.Token);
        var live = await control.GetStringAsync($"{sim.OrgUrl}/deployments/{detail.Id}");
        Assert.That(live, Does.Contain("\"status\":\"CREATING\""), "the Deployment the state will keep is the one Astro is still creating");
    }
}
