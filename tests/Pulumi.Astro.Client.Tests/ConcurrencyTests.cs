using Microsoft.AspNetCore.Http;

namespace Pulumi.Astro.Client.Tests;

/// <summary>The limit on requests in flight, counted by the server, which holds each request until the test lets it go.</summary>
public sealed class ConcurrencyTests
{
    [TestCase(1, 4)]
    [TestCase(2, 6)]
    [TestCase(3, 7)]
    public async Task ManyCalls_Limit_AtMostThatManyInFlight(int limit, int calls)
    {
        var release = new SemaphoreSlim(0);
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            await release.WaitAsync(c.RequestAborted);
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync("""{"workspaces":[],"totalCount":0,"offset":0,"limit":20}""");
        });
        using var client = new AstroClient(new AstroClientOptions
        {
            Host = server.BaseUrl, OrganizationId = "clorg", Token = "token", MaxConcurrentRequests = limit,
            RequestTimeout = TimeSpan.FromMinutes(10),
        });

        var all = Task.WhenAll(Enumerable.Range(0, calls).Select(_ => client.ListWorkspacesAsync(null, CancellationToken.None)));
        // Fill every slot, then let one request go each time another arrives: a client that let more through would
        // have them arrive while the slots are full.
        for (var i = 0; i < limit; i++)
            await server.NextArrivalAsync();
        for (var i = limit; i < calls; i++)
        {
            release.Release();
            await server.NextArrivalAsync();
        }
        release.Release(limit);
        await all.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(server.Count, Is.EqualTo(calls));
        Assert.That(server.MaxInFlight, Is.EqualTo(limit));
    }

    [Test]
    public void Constructor_DefaultOptions_AllowEightInFlight() =>
        Assert.That(new AstroClientOptions { OrganizationId = "o", Token = "t" }.MaxConcurrentRequests, Is.EqualTo(8));
}
