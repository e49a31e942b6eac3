using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// An https host whose certificate fails validation: the error names the host, the certificate and why it failed,
/// instead of HttpClient's "The SSL connection could not be established, see inner exception". A loopback Kestrel
/// serves a certificate made in memory; nothing leaves the machine.
/// </summary>
public sealed class TlsTests
{
    private static X509Certificate2 Certificate(string dnsName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(dnsName, out var ip))
            names.AddIpAddress(ip);
        else
            names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // Kestrel needs the private key in an exportable form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static Task Ok(HttpContext c)
    {
        c.Response.ContentType = "application/json";
        return c.Response.WriteAsync("""{"id":"clorg","name":"org"}""");
    }

    private static AstroClient NewClient(Uri host) => new(new AstroClientOptions
    {
        Host = host,
        OrganizationId = "clorg",
        Token = "token",
        Retry = AstroRetryPolicy.Default,
    });

    private static Uri Https(LoopbackServer server) => new($"https://127.0.0.1:{server.BaseUrl.Port}");

    [Test]
    public async Task Get_SelfSignedCertificate_NamesHostCertificateAndUntrustedRoot()
    {
        using var certificate = Certificate("127.0.0.1", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = await LoopbackServer.StartAsync(Ok, certificate);
        using var client = NewClient(Https(server));

        var e = Assert.ThrowsAsync<AstroTransportException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Does.StartWith("GET /v1/organizations/clorg: the TLS certificate of 127.0.0.1 is not accepted: its chain of trust does not verify (UntrustedRoot"));
        Assert.That(e.Message, Does.Contain("The certificate is CN=127.0.0.1, issued by CN=127.0.0.1, valid from "));
        Assert.That(e.Message, Does.Contain("SHA-256 " + certificate.GetCertHashString(HashAlgorithmName.SHA256)));
        Assert.That(e.Message, Does.Contain("(after 1 attempt)"), "a certificate problem is not retried");
        Assert.That(e.Message, Does.Not.Contain("see inner exception"));
        Assert.That(e.InnerException, Is.InstanceOf<HttpRequestException>()
            .With.Property(nameof(HttpRequestException.HttpRequestError)).EqualTo(HttpRequestError.SecureConnectionError));
    }

    [Test]
    public async Task Get_CertificateForAnotherName_SaysWhichNamesItHas()
    {
        using var certificate = Certificate("api.other.test", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = await LoopbackServer.StartAsync(Ok, certificate);
        using var client = NewClient(Https(server));

        var e = Assert.ThrowsAsync<AstroTransportException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Does.Contain("the TLS certificate of 127.0.0.1 is not accepted: it is not issued for 127.0.0.1 but for api.other.test"));
    }

    [Test]
    public async Task Get_ExpiredCertificate_SaysItIsNotTimeValid()
    {
        using var certificate = Certificate("127.0.0.1", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        await using var server = await LoopbackServer.StartAsync(Ok, certificate);
        using var client = NewClient(Https(server));

        var e = Assert.ThrowsAsync<AstroTransportException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Does.Contain("NotTimeValid"));
        Assert.That(e.Message, Does.Contain($" to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}"));
    }

    [Test]
    public async Task Post_UntrustedCertificate_TransportErrorNotOutcomeUnknownAndNothingSent()
    {
        using var certificate = Certificate("127.0.0.1", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = await LoopbackServer.StartAsync(Ok, certificate);
        using var client = NewClient(Https(server));

        // The handshake failed before the request was written, so the create certainly did not happen.
        Assert.ThrowsAsync<AstroTransportException>(() => client.CreateClusterAsync(TestData.AwsCluster("c"), CancellationToken.None));

        Assert.That(server.Count, Is.Zero);
    }
}
