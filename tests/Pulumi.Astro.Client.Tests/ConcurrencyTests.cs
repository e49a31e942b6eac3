using System.Diagnostics;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>The limit on requests in flight.</summary>
public sealed class ConcurrencyTests : SimTestBase
{
    [Test]
    public async Task ManyCalls_LimitOfTwo_RunAtMostTwoAtATime()
    {
        const int delayMs = 250;
        var client = NewClient(maxConcurrentRequests: 2);
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/workspaces$", DelayMs = delayMs, Times = 0 });
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.ListWorkspacesAsync(null, Ct)));

        // Six calls of at least 250 ms, two at a time, need at least three rounds.
        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(3 * delayMs - 30)));
        Assert.That(await RequestsAsync("GET", "/workspaces", atLeast: 6), Has.Count.EqualTo(6));
    }

    [Test]
    public void Constructor_DefaultOptions_AllowEightInFlight() =>
        Assert.That(new AstroClientOptions { OrganizationId = "o", Token = "t" }.MaxConcurrentRequests, Is.EqualTo(8));
}
