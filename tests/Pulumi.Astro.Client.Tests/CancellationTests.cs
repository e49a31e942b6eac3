using System.Net;
using Microsoft.AspNetCore.Http;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// A cancelled token ends a call wherever the call is: sending, waiting out a Retry-After, queued for a slot. The
/// server holds each request until the client drops it and the clock never fires by itself, so a call that ends at
/// all was ended by the cancellation; no test measures real time.
/// </summary>
public sealed class CancellationTests
{
    private static readonly DateTimeOffset FakeNow = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Far above the milliseconds a cancelled call takes to end; reaching it means the cancellation did not work.</summary>
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private static AstroClient NewClient(Uri host, TimeProvider? time = null, int maxConcurrentRequests = 8) => new(new AstroClientOptions
    {
        Host = host,
        OrganizationId = "clorg",
        Token = "token",
        Retry = AstroRetryPolicy.Default,
        // Far longer than any test runs: only the cancellation can end an attempt.
        RequestTimeout = TimeSpan.FromMinutes(10),
        TimeProvider = time ?? new RecordingTimeProvider(FakeNow, holdTimers: true),
        MaxConcurrentRequests = maxConcurrentRequests,
    });

    private static async Task<Exception?> Outcome(Task call)
    {
        try
        {
            await call.WaitAsync(Ceiling);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Test]
    public async Task Get_CancelledWhileServerHoldsIt_ThrowsCancelledAndDropsTheRequest()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            await LoopbackServer.HoldUntilAborted(c);
            aborted.TrySetResult();
        });
        using var client = NewClient(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        var call = client.GetOrganizationAsync(false, cancel.Token);
        await server.NextArrivalAsync();

        await cancel.CancelAsync();

        Assert.That(await Outcome(call), Is.InstanceOf<OperationCanceledException>());
        Assert.DoesNotThrowAsync(() => aborted.Task.WaitAsync(Ceiling), "the server saw the request dropped");
        Assert.That(server.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Get_CancelledWhileWaitingForRetryAfter_ThrowsCancelledWithoutRetrying()
    {
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            c.Response.StatusCode = 429;
            c.Response.Headers.RetryAfter = "30";
            return Task.CompletedTask;
        });
        var time = new RecordingTimeProvider(FakeNow, holdTimers: true);
        using var client = NewClient(server.BaseUrl, time);
        using var cancel = new CancellationTokenSource();
        var call = client.GetOrganizationAsync(false, cancel.Token);
        var wait = await time.WaitForTimerAsync();

        await cancel.CancelAsync();

        Assert.That(await Outcome(call), Is.InstanceOf<OperationCanceledException>());
        Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(30)), "it was waiting out the Retry-After");
        Assert.That(server.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Post_CancelledWhileServerHoldsIt_ThrowsCancellationNotOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(LoopbackServer.HoldUntilAborted);
        using var client = NewClient(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        var call = client.CreateClusterAsync(TestData.AwsCluster("c"), cancel.Token);
        await server.NextArrivalAsync();

        await cancel.CancelAsync();

        // The caller cancelled, so the caller knows the fate is open; the client reports the cancellation as such.
        Assert.That(await Outcome(call), Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Get_AlreadyCancelled_SendsNothing()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        using var client = NewClient(server.BaseUrl);

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => client.GetOrganizationAsync(false, new CancellationToken(canceled: true)));

        Assert.That(server.Count, Is.Zero);
    }

    [Test]
    public async Task Get_CancelledWhileQueuedForASlot_ThrowsCancelledAndNeverSends()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            await release.Task;
            c.Response.StatusCode = (int)HttpStatusCode.OK;
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync("""{"id":"clorg","name":"org"}""");
        });
        using var client = NewClient(server.BaseUrl, maxConcurrentRequests: 1);
        var first = client.GetOrganizationAsync(false, CancellationToken.None);
        await server.NextArrivalAsync();
        using var cancel = new CancellationTokenSource();
        var queued = client.ListWorkspacesAsync(null, cancel.Token);

        await cancel.CancelAsync();

        Assert.That(await Outcome(queued), Is.InstanceOf<OperationCanceledException>());
        release.SetResult();
        Assert.That((await first.WaitAsync(Ceiling)).Id, Is.EqualTo("clorg"));
        Assert.That(server.Count, Is.EqualTo(1), "the queued call never reached the server");
    }
}
