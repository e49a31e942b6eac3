using System.Net;
using Flurl.Http;
using Flurl.Http.Content;
using Flurl.Http.Testing;
using Pulumi.Astro.Client.Internal;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// Every Flurl.Http 4 feature the client uses, called directly as <see cref="AstroClient"/> calls it, so an upgrade
/// that changes one of them is named here first: a FlurlClient over our own HttpClient with Flurl's timeout, status
/// check and redirects off and our Newtonsoft serializer; a request built from an already escaped URL string; headers
/// one at a time; the failure wrapping the client unwraps; and HttpTest intercepting that client.
/// </summary>
public sealed class FlurlFeatureTests : SimTestBase
{
    private static FlurlClient NewFlurl(HttpClient httpClient)
    {
        var flurl = new FlurlClient(httpClient);
        flurl.Settings.Timeout = null;
        flurl.Settings.AllowedHttpStatusRange = "*";
        flurl.Settings.Redirects.Enabled = false;
        flurl.Settings.JsonSerializer = AstroJsonSerializer.Instance;
        return flurl;
    }

    private string Api(string path) => $"{Sim.BaseUrl.ToString().TrimEnd('/')}/v1/organizations/{Uri.EscapeDataString(Sim.OrganizationId)}{path}";

    [Test]
    public async Task FlurlClient_EveryFeatureTheClientUses_Works()
    {
        using var httpClient = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        using var flurl = NewFlurl(httpClient);

        // GET with headers set one at a time; the query's escaping is sent as written.
        using var get = await new FlurlRequest(new Flurl.Url(Api("/workspaces?names=a%20b&names=c"))) { Client = flurl }
            .WithHeader("Authorization", "Bearer " + Sim.Token)
            .WithHeader("User-Agent", "pulumi-astro/test")
            .SendAsync(HttpMethod.Get, null, HttpCompletionOption.ResponseContentRead, Ct);
        // An error status comes back as a response, not an exception.
        using var unauthorized = await new FlurlRequest(new Flurl.Url(Api("/workspaces"))) { Client = flurl }
            .SendAsync(HttpMethod.Get, null, HttpCompletionOption.ResponseContentRead, Ct);
        // A JSON body written by our serializer.
        using var post = await new FlurlRequest(new Flurl.Url(Api("/clusters"))) { Client = flurl }
            .WithHeader("Authorization", "Bearer " + Sim.Token)
            .SendAsync(HttpMethod.Post, new CapturedJsonContent(flurl.Settings.JsonSerializer.Serialize(TestData.AwsCluster("flurl"))),
                HttpCompletionOption.ResponseContentRead, Ct);
        // An escaped slash and question mark stay inside one path segment.
        using var escaped = await new FlurlRequest(new Flurl.Url(Api("/deployments/a%2Fb%3Fc"))) { Client = flurl }
            .WithHeader("Authorization", "Bearer " + Sim.Token)
            .SendAsync(HttpMethod.Get, null, HttpCompletionOption.ResponseContentRead, Ct);

        Assert.That(get.StatusCode, Is.EqualTo(200));
        Assert.That(get.ResponseMessage.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(await get.ResponseMessage.Content.ReadAsStringAsync(Ct), Does.Contain("\"workspaces\""));
        Assert.That(unauthorized.ResponseMessage.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(post.ResponseMessage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(flurl.Settings.JsonSerializer.Deserialize<Cluster>(await post.ResponseMessage.Content.ReadAsStreamAsync(Ct)).Name,
            Is.EqualTo("flurl"));
        Assert.That(escaped.ResponseMessage.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var sent = await Sim.Control.RequestsAsync();
        Assert.That(sent[0].Query, Is.EqualTo("?names=a%20b&names=c"));
        Assert.That(sent.Last().Path, Does.EndWith("/deployments/a%2Fb?c"));
        Assert.That(sent.Last().Query, Is.Empty);
    }

    [Test]
    public void FlurlClient_ConnectionRefused_WrapsTheHttpRequestException()
    {
        using var httpClient = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        using var flurl = NewFlurl(httpClient);

        var e = Assert.ThrowsAsync<FlurlHttpException>(() => new FlurlRequest(new Flurl.Url($"http://127.0.0.1:{ClosedPort()}/v1")) { Client = flurl }
            .SendAsync(HttpMethod.Put, new StreamContent(new MemoryStream([1, 2, 3])), HttpCompletionOption.ResponseContentRead, Ct))!;

        Assert.That(e.InnerException, Is.InstanceOf<HttpRequestException>()
            .With.Property(nameof(HttpRequestException.HttpRequestError)).EqualTo(HttpRequestError.ConnectionError));
    }

    [Test]
    public async Task HttpTest_RequestOnOurFlurlClient_IsInterceptedWithItsHeaders()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith("{}", 302, new { Location = "https://elsewhere.example/steal" });
        using var httpClient = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        using var flurl = NewFlurl(httpClient);

        using var response = await new FlurlRequest(new Flurl.Url("https://api.example.test/v1/x")) { Client = flurl }
            .WithHeader("Authorization", "Bearer abc")
            .SendAsync(HttpMethod.Get, null, HttpCompletionOption.ResponseContentRead, Ct);

        // The redirect is returned, not followed.
        Assert.That(response.StatusCode, Is.EqualTo(302));
        httpTest.ShouldHaveCalled("https://api.example.test/v1/x").WithHeader("Authorization", "Bearer abc").Times(1);
        httpTest.ShouldNotHaveCalled("https://elsewhere.example/*");
    }
}
