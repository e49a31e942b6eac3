using System.Net;
using Pulumi.Astro.Client;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// Waits outlive transient failures of their polls (5xx, 429, no answer) until their own timeout, saying so in a
/// progress line; other failures end them; a 404 confirmed by a second poll means the object is gone. A stepping
/// clock stands in for time: nothing sleeps.
/// </summary>
public sealed class WaiterFaultTests
{
    private static readonly WaitTable Table = new("the Deployment", Pending: ["CREATING"], Done: ["HEALTHY"], Failed: ["FAILED"]);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    private static AstroApiException Api(int status, string message = "boom") =>
        new("GET", "/v1/organizations/o/deployments/d", (HttpStatusCode)status, null, message, "req1", null);

    private static AstroTransportException Dropped() =>
        new("GET", "/v1/organizations/o/deployments/d", "connection failed: the connection was reset", attempts: 5, isTimeout: false);

    /// <summary>Answers each poll from the script in turn: a status, or an exception to throw.</summary>
    private static Func<CancellationToken, Task<string>> Polls(params object[] script)
    {
        var next = 0;
        return _ => script[Math.Min(next++, script.Length - 1)] switch
        {
            Exception e => Task.FromException<string>(e),
            var s => Task.FromResult((string)s),
        };
    }

    private static async Task<(string Result, List<string> Progress)> Wait(Func<CancellationToken, Task<string>> get, TimeSpan? timeout = null)
    {
        var progress = new List<string>();
        var result = await new Waiter(new SteppingClock()).WaitAsync(Table, get, s => s, _ => null, timeout ?? Timeout,
            line => { progress.Add(line); return Task.CompletedTask; }, CancellationToken.None);
        return (result, progress);
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(429)]
    [TestCase(408)]
    public async Task WaitAsync_PollAnsweredTransientStatus_KeepsWaitingAndSaysWhy(int status)
    {
        var (result, progress) = await Wait(Polls("CREATING", Api(status, "try later"), "CREATING", "HEALTHY"));
        Assert.That(result, Is.EqualTo("HEALTHY"));
        Assert.That(progress, Has.Some.Matches<string>(l => l.StartsWith($"poll failed: {status}", StringComparison.Ordinal) && l.Contains("try later") && l.Contains("still waiting")),
            string.Join("\n", progress));
        Assert.That(progress, Has.None.Contains("/v1/organizations"), "the progress line drops the method and path");
    }

    [Test]
    public async Task WaitAsync_PollGotNoAnswer_KeepsWaiting()
    {
        var (result, progress) = await Wait(Polls(Dropped(), Dropped(), "HEALTHY"));
        Assert.That(result, Is.EqualTo("HEALTHY"));
        Assert.That(progress.Count(l => l.StartsWith("poll failed: connection failed", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public void WaitAsync_PollsFailUntilTimeout_TimesOutNamingLastStatusAndFailure()
    {
        var e = Assert.ThrowsAsync<WaitTimeoutException>(() => Wait(Polls("CREATING", Api(500, "still broken")), TimeSpan.FromMinutes(5)))!;
        Assert.That(e.Message, Does.StartWith("timed out after 5m00s waiting for the Deployment to become HEALTHY; last status CREATING"));
        Assert.That(e.Message, Does.Contain("the last poll failed: 500 Internal Server Error: still broken"));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(409)]
    public void WaitAsync_PollAnsweredOtherClientError_FailsAtOnce(int status)
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() => Wait(Polls("CREATING", Api(status), "HEALTHY")))!;
        Assert.That((int)e.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task WaitAsync_OneNotFound_IsNotYetGone()
    {
        var (result, progress) = await Wait(Polls(Api(404, "deployment d not found"), "CREATING", "HEALTHY"));
        Assert.That(result, Is.EqualTo("HEALTHY"));
        Assert.That(progress, Has.Some.StartsWith("poll failed: 404"));
    }

    [Test]
    public void WaitAsync_NotFoundTwiceInARow_IsGone()
    {
        var e = Assert.ThrowsAsync<WaitGoneException>(() => Wait(Polls("CREATING", Api(404), Api(404), "HEALTHY")))!;
        Assert.That(e.Message, Does.Contain("the Deployment no longer exists").And.Contain("404"));
    }

    [Test]
    public void WaitAsync_FailureStatusAfterTransientErrors_Fails()
    {
        var e = Assert.ThrowsAsync<WaitFailedException>(() => Wait(Polls(Api(503), "FAILED")))!;
        Assert.That(e.Status, Is.EqualTo("FAILED"));
    }

    [Test]
    public async Task WaitGoneAsync_PollFailsTransiently_KeepsWaitingUntil404()
    {
        var polls = 0;
        var progress = new List<string>();
        await new Waiter(new SteppingClock()).WaitGoneAsync("Deployment d", _ => ++polls switch
        {
            1 => Task.FromResult("DELETING"),
            2 => Task.FromException<string>(Api(500)),
            3 => Task.FromException<string>(Dropped()),
            _ => Task.FromException<string>(Api(404)),
        }, s => s, Timeout, line => { progress.Add(line); return Task.CompletedTask; }, CancellationToken.None);
        Assert.That(polls, Is.EqualTo(4));
        Assert.That(progress, Has.Exactly(2).StartsWith("poll failed:"));
    }

    [Test]
    public void WaitGoneAsync_PollAnsweredForbidden_Fails() =>
        Assert.ThrowsAsync<AstroApiException>(() => new Waiter(new SteppingClock()).WaitGoneAsync("Deployment d",
            _ => Task.FromException<string>(Api(403)), s => s, Timeout, _ => Task.CompletedTask, CancellationToken.None));
}
