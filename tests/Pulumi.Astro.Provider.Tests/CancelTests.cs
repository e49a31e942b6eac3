using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// Cancel (Ctrl-C in `pulumi up`): a wait in progress stops within 1 s and reports partial state (issue 5). A fixture
/// of its own, because a cancelled provider is done: the engine shuts it down next.
/// </summary>
public sealed class CancelTests
{
    private const string Type = "astro:index:Deployment";

    [Test]
    public async Task Cancel_DuringCreateWait_StopsWithinOneSecondWithPartialState()
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

        var clock = Stopwatch.StartNew();
        await plugin.Client.CancelAsync(new Empty());
        var error = Assert.ThrowsAsync<RpcException>(async () => await create)!;
        clock.Stop();

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "a cancelled wait stops within 1 s");
        var detail = PartialState.From(error);
        Assert.That(detail, Is.Not.Null, "a cancelled create still reports the Deployment it made");
        Assert.That(detail!.Id, Does.Match("^c[a-z0-9]{24}$"));
        Assert.That(detail.Properties.Fields["status"].StringValue, Is.EqualTo("CREATING"));
        Assert.That(error.Status.Detail, Does.Contain("cancelled"));
    }
}
