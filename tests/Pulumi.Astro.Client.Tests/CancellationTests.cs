using System.Diagnostics;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>A cancelled token ends a call promptly, wherever the call is.</summary>
public sealed class CancellationTests : SimTestBase
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    [Test]
    public async Task Get_CancelledWhileServerIsSlow_ThrowsPromptly()
    {
        var client = NewClient();
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/organizations/[^/]+$", DelayMs = 20_000 });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.GetOrganizationAsync(false, cancel.Token));

        Assert.That(stopwatch.Elapsed, Is.LessThan(Prompt));
    }

    [Test]
    public async Task Get_CancelledWhileWaitingForRetryAfter_ThrowsPromptly()
    {
        var client = NewClient(retry: AstroRetryPolicy.Default);
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/organizations/[^/]+$", Status = 429, RetryAfter = "30" });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.GetOrganizationAsync(false, cancel.Token));

        Assert.That(stopwatch.Elapsed, Is.LessThan(Prompt));
        Assert.That(await RequestsAsync("GET", Sim.OrganizationId, atLeast: 1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Post_CancelledWhileServerIsSlow_ThrowsCancellationNotOutcomeUnknown()
    {
        var client = NewClient();
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/clusters$", DelayMs = 20_000 });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        // The caller cancelled, so the caller knows the fate is open; the client reports the cancellation as such.
        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.CreateClusterAsync(TestData.AwsCluster("c"), cancel.Token));
    }

    [Test]
    public async Task Get_AlreadyCancelled_SendsNothing()
    {
        var client = NewClient();

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.GetOrganizationAsync(false, new CancellationToken(canceled: true)));

        Assert.That(await Sim.Control.RequestsAsync(), Is.Empty);
    }

    [Test]
    public async Task Get_CancelledWhileQueuedForASlot_ThrowsPromptly()
    {
        var client = NewClient(maxConcurrentRequests: 1);
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/organizations/[^/]+$", DelayMs = 20_000 });
        using var holdSlot = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var slow = client.GetOrganizationAsync(false, holdSlot.Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.ListWorkspacesAsync(null, cancel.Token));

        Assert.That(stopwatch.Elapsed, Is.LessThan(Prompt));
        await holdSlot.CancelAsync();
        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => slow);
        Assert.That(await RequestsAsync("GET", "/workspaces"), Is.Empty);
    }
}
