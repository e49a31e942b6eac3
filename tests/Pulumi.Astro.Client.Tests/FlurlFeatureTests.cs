using System.Net;
using System.Text;
using Flurl.Http;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// Every Flurl feature the client uses, called directly. This NuGet mirror pairs Flurl.Http 2.4.2 with Flurl 3.0.1,
/// and members compiled against the other Flurl throw MissingMethodException at run time; if an upgrade breaks one
/// of ours, this test names it first.
/// </summary>
public sealed class FlurlFeatureTests : SimTestBase
{
    [Test]
    public async Task FlurlClient_EveryFeatureTheClientUses_Works()
    {
        using var httpClient = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        using var flurl = new FlurlClient(httpClient);
        flurl.Settings.Timeout = null;
        var url = $"{Sim.BaseUrl.ToString().TrimEnd('/')}/v1/organizations/{Uri.EscapeDataString(Sim.OrganizationId)}/workspaces?names=a%20b&names=c";

        // GET with headers set one at a time, any status allowed.
        using var get = await flurl.Request(url).AllowAnyHttpStatus()
            .WithHeader("Authorization", "Bearer " + Sim.Token)
            .WithHeader("User-Agent", "pulumi-astro/test")
            .SendAsync(HttpMethod.Get, null, Ct, HttpCompletionOption.ResponseContentRead);
        // An error status comes back as a response, not an exception.
        using var unauthorized = await flurl.Request(url).AllowAnyHttpStatus()
            .SendAsync(HttpMethod.Get, null, Ct, HttpCompletionOption.ResponseContentRead);
        // A JSON body sent as StringContent.
        using var post = await flurl.Request($"{Sim.BaseUrl.ToString().TrimEnd('/')}/v1/organizations/{Sim.OrganizationId}/clusters")
            .AllowAnyHttpStatus().WithHeader("Authorization", "Bearer " + Sim.Token)
            .SendAsync(HttpMethod.Post, new StringContent(AstroJson.Serialize(TestData.AwsCluster("flurl")), Encoding.UTF8, "application/json"), Ct,
                HttpCompletionOption.ResponseContentRead);

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(get.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(await get.Content.ReadAsStringAsync(Ct), Does.Contain("\"workspaces\""));
        Assert.That(unauthorized.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var sent = (await Sim.Control.RequestsAsync())[0];
        Assert.That(sent.Query, Is.EqualTo("?names=a%20b&names=c"));

        // A failure to connect surfaces as FlurlHttpException around the HttpRequestException the client inspects.
        var e = Assert.ThrowsAsync<FlurlHttpException>(() => flurl.Request($"http://127.0.0.1:{ClosedPort()}/v1").AllowAnyHttpStatus()
            .SendAsync(HttpMethod.Put, new StreamContent(new MemoryStream([1, 2, 3])), Ct, HttpCompletionOption.ResponseContentRead))!;
        Assert.That(e.InnerException, Is.InstanceOf<HttpRequestException>()
            .With.Property(nameof(HttpRequestException.HttpRequestError)).EqualTo(HttpRequestError.ConnectionError));
    }
}
