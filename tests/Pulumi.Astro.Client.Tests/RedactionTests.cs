using System.Text;
using Flurl.Http.Testing;
using Pulumi.Astro.Client.Internal;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// No message the client builds from a response shows the token, a credential or a value the caller asked to redact,
/// and none grows without bound. Flurl's <see cref="HttpTest"/> plays an Astro whose error bodies echo the request.
/// </summary>
public sealed class RedactionTests
{
    private const string Token = "tok-DO-NOT-PRINT-4f9a";
    private const string Secret = "s3cret-env-value";
    private static readonly Uri Host = new("https://api.astro.test");

    private static AstroClient NewClient(Action<AstroRequestLog>? logger = null, IReadOnlyCollection<string>? redacted = null) => new(new AstroClientOptions
    {
        Host = Host,
        OrganizationId = "clorg",
        Token = Token,
        Retry = AstroRetryPolicy.None,
        RequestLogger = logger,
        RedactedValues = redacted ?? [],
    });

    private static Func<HttpContent> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static string ErrorBody(string message, params (string Field, string Message)[] fields) =>
        Newtonsoft.Json.JsonConvert.SerializeObject(new
        {
            message,
            requestId = "r1",
            fieldErrors = fields.Select(f => new { field = f.Field, code = "invalid", message = f.Message }),
        });

    [TestCase("echo tok-DO-NOT-PRINT-4f9a here", "echo [redacted] here")]
    [TestCase("Authorization: Bearer abc.DEF-123", "Authorization: [redacted]")]
    [TestCase("""{"headers":{"Authorization":"Basic Y2xpOnNlY3JldA=="},"x":1}""", """{"headers":{"Authorization":[redacted]},"x":1}""")]
    [TestCase("""{"authorization": ["Bearer abc"]}""", """{"authorization": [[redacted]]}""")]
    [TestCase("called with bearer eyJhbGciOi.eyJzdWIi.c2ln== by the CLI", "called with bearer [redacted] by the CLI")]
    [TestCase("Authorization failed for this request", "Authorization failed for this request")]
    [TestCase("value s3cret-env-value and s3cret-env-value-2", "value [redacted] and [redacted]")]
    [TestCase("""{"value":"quo\"ted secret"}""", """{"value":"[redacted]"}""")]
    [TestCase("short ab and true stay", "short ab and true stay")]
    public void Apply_Text_RedactsSecretsAndCredentials(string text, string expected)
    {
        var redactor = new Redactor([Token], [Secret, "s3cret-env-value-2", "quo\"ted secret", "ab", "true"]);

        Assert.That(redactor.Apply(text), Is.EqualTo(expected));
    }

    [TestCase(100, "")]
    [TestCase(4096, "")]
    [TestCase(5000, "… (904 characters cut)")]
    public void Cap_LongText_KeepsTheStartAndSaysHowMuchWasCut(int length, string note)
    {
        var text = new string('x', length);

        Assert.That(Redactor.Cap(text), Is.EqualTo(text[..Math.Min(length, 4096)] + note));
    }

    [Test]
    public void ApiError_BodyEchoesTokenAndAuthorizationHeader_NothingShowsThem()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json(ErrorBody($"invalid request: headers Authorization: Bearer {Token}, token={Token}",
            ("name", $"'{Token}' is not a name"))), 400);
        var logs = new List<AstroRequestLog>();
        using var client = NewClient(logs.Add);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.ToString(), Does.Not.Contain(Token));
        Assert.That(e.AstroMessage, Is.EqualTo("invalid request: headers Authorization: [redacted]"));
        Assert.That(e.FieldErrors.Single().Message, Is.EqualTo("'[redacted]' is not a name"));
        Assert.That(logs.Select(l => l.ToString() + string.Join(",", l.RequestHeaders)), Has.None.Contain(Token));
        // The request itself carried the token.
        httpTest.ShouldHaveMadeACall().WithHeader("Authorization", "Bearer " + Token);
    }

    [Test]
    public void ApiError_ProxyTextEchoesAnyBearerToken_Redacted()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith("<html>denied: Bearer someone-elses.token</html>", 502);
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Does.EndWith(": 502 Bad Gateway: <html>denied: Bearer [redacted]</html>"));
    }

    [Test]
    public void OutcomeUnknown_CreateAnswered500EchoingAScopedSecret_RedactedInMessageAndInner()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json(ErrorBody($"failed to store variable SECRET={Secret}")), 500);
        using var client = NewClient();

        AstroOutcomeUnknownException? e;
        using (AstroRedaction.Scope([Secret]))
            e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.CreateDeploymentAsync(TestData.StandardDeployment("w1", "d"), CancellationToken.None));

        Assert.That(e!.ToString(), Does.Not.Contain(Secret).And.Contain("SECRET=[redacted]"));
        Assert.That(((AstroApiException)e.InnerException!).AstroMessage, Is.EqualTo("failed to store variable SECRET=[redacted]"));
    }

    [Test]
    public void Scope_CallOutsideTheScope_IsNotRedactedWhileOneInsideIs()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json(ErrorBody($"echo {Secret}")), 400);
        using var client = NewClient();

        AstroApiException? inside, nested;
        using (AstroRedaction.Scope([Secret]))
        {
            using (AstroRedaction.Scope(["echo"]))
                nested = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None));
            inside = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None));
        }
        var outside = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None));

        Assert.That(nested!.AstroMessage, Is.EqualTo("[redacted] [redacted]"), "an inner scope adds to the outer one");
        Assert.That(inside!.AstroMessage, Is.EqualTo("echo [redacted]"));
        Assert.That(outside!.AstroMessage, Is.EqualTo($"echo {Secret}"));
    }

    [Test]
    public async Task Scope_ParallelCallsWithTheirOwnScopes_EachRedactsItsOwn()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json(ErrorBody("echo alpha-secret beta-secret")), 400);
        using var client = NewClient();

        async Task<string> Call(string secret)
        {
            using (AstroRedaction.Scope([secret]))
            {
                try
                {
                    await client.GetOrganizationAsync(false, CancellationToken.None);
                    return "no error";
                }
                catch (AstroApiException e)
                {
                    return e.AstroMessage;
                }
            }
        }

        var messages = await Task.WhenAll(Call("alpha-secret"), Call("beta-secret"));

        Assert.That(messages, Is.EqualTo(new[] { "echo [redacted] beta-secret", "echo alpha-secret [redacted]" }));
    }

    [Test]
    public void RedactedValues_ClientOption_RedactsEveryCallOfThatClient()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json(ErrorBody($"bad value {Secret}")), 400);
        using var client = NewClient(redacted: [Secret]);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.AstroMessage, Is.EqualTo("bad value [redacted]"));
    }

    [Test]
    public async Task RequestLog_ScopedSecretInTheQueryAndInTheFailure_Redacted()
    {
        using var httpTest = new HttpTest();
        httpTest.SimulateException(new HttpRequestException(HttpRequestError.ConnectionError, $"refused while sending {Secret}"))
            .RespondWith(Json("""{"deployments":[],"totalCount":0,"offset":0,"limit":20}"""));
        var logs = new List<AstroRequestLog>();
        using var client = new AstroClient(new AstroClientOptions
        {
            Host = Host, OrganizationId = "clorg", Token = Token, RequestLogger = logs.Add,
            Retry = new AstroRetryPolicy { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        });

        using (AstroRedaction.Scope([Secret]))
            await client.ListDeploymentsAsync(new ListDeploymentsQuery { Names = [Secret] }, CancellationToken.None);

        Assert.That(logs, Has.Count.EqualTo(2));
        Assert.That(logs.Select(l => l.ToString()), Has.None.Contain(Secret));
        Assert.That(logs[0].Error, Is.EqualTo("refused while sending [redacted]"));
        Assert.That(logs[1].Url, Does.EndWith("names=[redacted]"));
    }

    [Test]
    public void SuccessBody_UnreadableValueQuotingASecret_ErrorRedacted()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json($$"""{"id":"clorg","createdAt":"{{Secret}}"}"""));
        using var client = NewClient(redacted: [Secret]);

        var e = Assert.ThrowsAsync<AstroException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Does.StartWith("GET /v1/organizations/clorg: 200 body is not a valid Organization: '[redacted]'"));
    }

    [Test]
    public void ApiError_HugeMessageAndThousandsOfFieldErrors_CappedWithANote()
    {
        var fields = Enumerable.Range(0, 1100).Select(i => ($"environmentVariables[{i}].key", new string('k', 40) + " is too long")).ToArray();
        using var httpTest = new HttpTest();
        httpTest.RespondWith(Json(ErrorBody(new string('m', 10_000), fields)), 400);
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.AstroMessage, Is.EqualTo(new string('m', 4096) + "… (5904 characters cut)"));
        Assert.That(e.FieldErrors, Has.Count.EqualTo(1100), "the data stays whole");
        Assert.That(e.Message, Does.Match(@"\[environmentVariables\[0\]\.key: k+ is too long; .*… \(\d+ characters cut\)\]$"));
        Assert.That(e.Message.Length, Is.LessThan(8_400));
    }
}
