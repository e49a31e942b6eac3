using System.Net;
using Pulumi.Astro.Client;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The polls of a wait are background calls (<see cref="AstroRequestPriority"/>), so that when the client must queue
/// requests they give way to creates, updates, deletes and refresh reads; the calls around the wait are not.
/// </summary>
public sealed class WaiterPriorityTests
{
    private static readonly WaitTable Table = new("Deployment d1", ["CREATING"], ["HEALTHY"], ["UNHEALTHY"]);

    [Test]
    public async Task WaitAsync_Poll_IsABackgroundCall()
    {
        var waiter = new Waiter(TimeProvider.System);
        var background = new List<bool>();

        // Already HEALTHY at the first poll: no pause, so no clock is needed.
        var done = await waiter.WaitAsync(Table,
            _ =>
            {
                background.Add(AstroRequestPriority.IsBackground);
                return Task.FromResult("HEALTHY");
            },
            s => s, _ => null, TimeSpan.FromMinutes(1), _ => Task.CompletedTask, CancellationToken.None);

        Assert.That(done, Is.EqualTo("HEALTHY"));
        Assert.That(background, Is.EqualTo(new[] { true }));
        Assert.That(AstroRequestPriority.IsBackground, Is.False, "the caller's own calls stay ordinary");
    }

    [Test]
    public async Task WaitGoneAsync_Poll_IsABackgroundCall()
    {
        var waiter = new Waiter(TimeProvider.System);
        var background = new List<bool>();

        await waiter.WaitGoneAsync<string>("Deployment d1",
            _ =>
            {
                background.Add(AstroRequestPriority.IsBackground);
                throw new AstroApiException("GET", "/v1/organizations/o/deployments/d1", HttpStatusCode.NotFound, "Not Found", "not found", null, null);
            },
            s => s, TimeSpan.FromMinutes(1), _ => Task.CompletedTask, CancellationToken.None);

        Assert.That(background, Is.EqualTo(new[] { true }));
        Assert.That(AstroRequestPriority.IsBackground, Is.False);
    }
}
