using System.Text;
using Flurl.Http.Testing;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// What goes on the wire, read from Flurl's <see cref="HttpTest"/> call log: each call's headers and JSON body, and
/// the registry's token flow; and what the request log shows of it (never a credential).
/// </summary>
public sealed class RequestHeadersTests
{
    private const string Token = "tok-DO-NOT-PRINT-4f9a";

    private static AstroClient NewClient(Action<AstroRequestLog>? logger = null) => new(new AstroClientOptions
    {
        Host = new Uri("https://api.astro.test/prefix/"),
        OrganizationId = "clorg",
        Token = Token,
        UserAgentVersion = "1.2.3",
        Retry = AstroRetryPolicy.None,
        RequestLogger = logger,
    });

    private static Func<HttpContent> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task ApiCall_AnyRequest_SendsTokenUserAgentAcceptAndClientIdentifier()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json("""{"id":"clorg","name":"org"}"""));
        using var client = NewClient();

        await client.GetOrganizationAsync(false, CancellationToken.None);

        httpTest.ShouldHaveCalled("https://api.astro.test/prefix/v1/organizations/clorg")
            .WithVerb(HttpMethod.Get)
            .WithHeader("Authorization", "Bearer " + Token)
            .WithHeader("User-Agent", "pulumi-astro/1.2.3")
            .WithHeader("Accept", "application/json")
            .WithHeader("x-astro-client-identifier", "pulumi-astro")
            .Times(1);
    }

    [Test]
    public async Task Create_Body_IsAstroJsonWithoutNullsWithEnumStringsAndUtcTimes()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json("""{"isHibernating":true}"""));
        using var client = NewClient();

        await client.SetHibernationOverrideAsync("d1", new OverrideDeploymentHibernationRequest
        {
            IsHibernating = true,
            OverrideUntil = new DateTimeOffset(2030, 1, 2, 5, 0, 0, TimeSpan.FromHours(2)),
        }, CancellationToken.None);
        await client.CreateDeployAsync("d1", new CreateDeployRequest { Type = DeployType.DagOnly }, CancellationToken.None);

        var calls = httpTest.CallLog;
        Assert.That(calls[0].HttpRequestMessage.Content!.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(JToken.Parse(calls[0].RequestBody), Is.EqualTo(JToken.Parse("""{"isHibernating":true,"overrideUntil":"2030-01-02T03:00:00Z"}"""))
            .Using<JToken>((a, b) => JToken.DeepEquals(a, b)));
        Assert.That(JToken.Parse(calls[1].RequestBody), Is.EqualTo(JToken.Parse("""{"type":"DAG_ONLY"}"""))
            .Using<JToken>((a, b) => JToken.DeepEquals(a, b)));
    }

    [Test]
    public async Task RequestLog_ApiCall_ShowsTheSchemeButNeverTheCredential()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json("""{"id":"clorg","name":"org"}"""));
        var logs = new List<AstroRequestLog>();
        using var client = NewClient(logs.Add);

        await client.GetOrganizationAsync(false, CancellationToken.None);

        var log = logs.Single();
        Assert.That(log.RequestHeaders, Does.Contain(new KeyValuePair<string, string>("Authorization", "Bearer [redacted]")));
        Assert.That(log.RequestHeaders, Does.Contain(new KeyValuePair<string, string>("User-Agent", "pulumi-astro/1.2.3")));
        Assert.That(log.ToString(), Is.EqualTo($"GET https://api.astro.test/prefix/v1/organizations/clorg (attempt 1): 200 in {log.Elapsed.TotalMilliseconds:0} ms"));
    }

    [Test]
    public async Task ImageTagExists_BearerChallenge_BasicLoginAtTheRealmThenBearerAndNeitherLogged()
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("cli:" + Token));
        using var httpTest = new HttpTest();
        httpTest.ForCallsTo("https://registry.astro.test/v2/*").RespondWith("", 401,
                new { WWW_Authenticate = """Bearer realm="https://auth.astro.test/token",service="registry.astro.test",scope="repository:org/dep:pull,push" """ })
            .RespondWith("", 200);
        httpTest.ForCallsTo("https://auth.astro.test/*").RespondWith(Json("""{"token":"registry-token-123"}"""));
        var logs = new List<AstroRequestLog>();
        using var client = NewClient(logs.Add);

        var exists = await client.ImageTagExistsAsync("registry.astro.test/org/dep", "ci-1", CancellationToken.None);

        Assert.That(exists, Is.True);
        var calls = httpTest.CallLog.Select(c => (c.HttpRequestMessage.Method.Method, c.Request.Url.ToString(), c.HttpRequestMessage.Headers.Authorization?.ToString()));
        Assert.That(calls, Is.EqualTo(new[]
        {
            ("HEAD", "https://registry.astro.test/v2/org/dep/manifests/ci-1", basic),
            ("GET", "https://auth.astro.test/token?service=registry.astro.test&scope=repository%3Aorg%2Fdep%3Apull%2Cpush", basic),
            ("HEAD", "https://registry.astro.test/v2/org/dep/manifests/ci-1", "Bearer registry-token-123"),
        }));
        var shown = string.Join("\n", logs.Select(l => l + " " + string.Join(",", l.RequestHeaders)));
        Assert.That(shown, Does.Not.Contain(Token).And.Not.Contain(basic[6..]).And.Not.Contain("registry-token-123"));
        Assert.That(logs.Select(l => l.RequestHeaders.Single(h => h.Key == "Authorization").Value),
            Is.EqualTo(new[] { "Basic [redacted]", "Basic [redacted]", "Bearer [redacted]" }));
    }
}
