namespace Pulumi.Astro.Client.Tests;

/// <summary>Transport security and secret handling: https only (loopback excepted), and the token is never shown.</summary>
public sealed class SecurityTests : SimTestBase
{
    private const string SecretToken = "tok-DO-NOT-PRINT-4f9a";

    [TestCase("http://api.astronomer.io")]
    [TestCase("http://10.0.0.5:8888")]
    [TestCase("http://localhost.example.com")]
    [TestCase("http://127.0.0.1.nip.io")]
    public void Constructor_PlainHttpToRemoteHost_Refuses(string host)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new AstroClient(new AstroClientOptions { Host = new Uri(host), OrganizationId = "o", Token = SecretToken }))!;

        Assert.That(e.Message, Does.Contain("Refusing plain http://").And.Contain("use https").And.Contain("loopback"));
        Assert.That(e.Message, Does.Not.Contain(SecretToken));
    }

    [TestCase("https://api.astronomer.io")]
    [TestCase("https://api.astronomer.io/")]
    [TestCase("http://127.0.0.1:8888")]
    [TestCase("http://localhost:8888")]
    [TestCase("http://[::1]:8888")]
    public void Constructor_HttpsOrLoopback_Accepts(string host)
    {
        using var client = new AstroClient(new AstroClientOptions { Host = new Uri(host), OrganizationId = "o", Token = SecretToken });

        Assert.That(client.OrganizationId, Is.EqualTo("o"));
    }

    [TestCase("ftp://api.astronomer.io")]
    [TestCase("https://api.astronomer.io/?x=1")]
    public void Constructor_NotAnHttpBase_Refuses(string host) =>
        Assert.Throws<ArgumentException>(() => new AstroClient(new AstroClientOptions { Host = new Uri(host), OrganizationId = "o", Token = "t" }));

    [TestCase("")]
    [TestCase("two words")]
    [TestCase("line\nbreak")]
    public void Constructor_UnusableToken_RefusesWithoutQuotingIt(string token)
    {
        var e = Assert.Throws<ArgumentException>(() => new AstroClient(new AstroClientOptions { OrganizationId = "o", Token = token }))!;

        if (token.Length > 0)
            Assert.That(e.Message, Does.Not.Contain(token));
    }

    [Test]
    public void Constructor_DefaultHost_IsAstroProduction()
    {
        var options = new AstroClientOptions { OrganizationId = "o", Token = SecretToken };
        using var client = new AstroClient(options);

        Assert.That(options.Host, Is.EqualTo(new Uri("https://api.astronomer.io")));
        Assert.That(client.UserAgent, Does.Match(@"^pulumi-astro/\d+\.\d+\.\d+"));
    }

    [Test]
    public void ToString_Options_RedactsToken() =>
        Assert.That(new AstroClientOptions { OrganizationId = "o", Token = SecretToken }.ToString(),
            Does.Not.Contain(SecretToken).And.Contain("[redacted]"));

    [Test]
    public void Failures_WrongToken_NeverShowTheToken()
    {
        var logs = new List<AstroRequestLog>();
        var client = NewClient(token: SecretToken, logger: logs.Add);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That((int)e.StatusCode, Is.EqualTo(401));
        Assert.That(e.ToString(), Does.Not.Contain(SecretToken));
        Assert.That(client.ToString(), Does.Not.Contain(SecretToken));
        var log = logs.Single();
        Assert.That(log.ToString(), Does.Not.Contain(SecretToken));
        Assert.That(log.RequestHeaders.Select(h => h.Value), Has.None.Contain(SecretToken));
        Assert.That(log.RequestHeaders, Does.Contain(new KeyValuePair<string, string>("Authorization", "Bearer [redacted]")));
    }

    [Test]
    public void Failures_ConnectionRefused_NeverShowTheToken()
    {
        var logs = new List<AstroRequestLog>();
        var client = NewClient(token: SecretToken, logger: logs.Add, retry: AstroRetryPolicy.None, host: new Uri($"http://127.0.0.1:{ClosedPort()}"));

        var e = Assert.ThrowsAsync<AstroTransportException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That(e.ToString(), Does.Not.Contain(SecretToken));
        Assert.That(logs.Single().Error, Is.Not.Null.And.Not.Contain(SecretToken));
    }

    [Test]
    public async Task Request_Headers_CarryBearerTokenAndUserAgent()
    {
        var logs = new List<AstroRequestLog>();
        var client = NewClient(logger: logs.Add);

        await client.GetOrganizationAsync(false, Ct);

        var headers = logs.Single().RequestHeaders;
        Assert.That(headers, Does.Contain(new KeyValuePair<string, string>("User-Agent", client.UserAgent)));
        Assert.That(client.UserAgent, Does.StartWith("pulumi-astro/"));
        Assert.That(headers.Single(h => h.Key == "Authorization").Value, Is.EqualTo("Bearer [redacted]"));
    }

    [TestCase("http://blob.example.com/dags/x?sig=SECRETSIG")]
    [TestCase("not a url ?sig=SECRETSIG")]
    public void UploadDagTarball_InsecureOrInvalidUrl_RefusesWithoutQuotingTheSignature(string url)
    {
        var client = NewClient();

        var e = Assert.ThrowsAsync<ArgumentException>(() => client.UploadDagTarballAsync(url, new MemoryStream([1]), Ct))!;

        Assert.That(e.Message, Does.Not.Contain("SECRETSIG"));
    }
}
