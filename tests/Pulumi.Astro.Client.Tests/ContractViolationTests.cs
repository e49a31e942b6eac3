using System.Net;
using System.Text;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// Answers astro-sim never gives, because they break the API contract (API fact sheet §1): a success without JSON,
/// a proxy's HTML error page, a blob store without versioning. A bare loopback listener plays the server here.
/// </summary>
public sealed class ContractViolationTests
{
    private HttpListener _listener = null!;
    private Uri _baseUrl = null!;
    private Func<HttpListenerContext, Task> _respond = _ => Task.CompletedTask;
    private Task _serving = Task.CompletedTask;

    [SetUp]
    public void StartListener()
    {
        // HttpListener cannot bind port 0, so try a few ports from a random start.
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 60_000);
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                _baseUrl = new Uri($"http://127.0.0.1:{port}");
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                _listener.Close();
            }
        }
        _serving = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                await _respond(context);
                context.Response.Close();
            }
        });
    }

    [TearDown]
    public async Task StopListener()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private AstroClient NewClient() => new(new AstroClientOptions
    {
        Host = _baseUrl,
        OrganizationId = "clorg",
        Token = "token",
        Retry = AstroRetryPolicy.None,
    });

    private static async Task Write(HttpListenerContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    [Test]
    public void GetOrganization_SuccessWithoutJson_ThrowsAstroException()
    {
        _respond = c => Write(c, 200, "text/html", "<html>maintenance</html>");
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Is.EqualTo("GET /v1/organizations/clorg: 200 with Content-Type 'text/html', expected a JSON body"));
    }

    [Test]
    public void GetOrganization_SuccessWithMalformedJson_ThrowsAstroException()
    {
        _respond = c => Write(c, 200, "application/json", "{\"id\": ");
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Does.StartWith("GET /v1/organizations/clorg: 200 body is not a valid Organization"));
    }

    [Test]
    public void GetOrganization_ProxyHtmlError_ThrowsApiExceptionWithBodySnippet()
    {
        _respond = c => Write(c, 502, "text/html", "<html>\n  <body>Bad   gateway</body>\n</html>");
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Message, Is.EqualTo("GET /v1/organizations/clorg: 502 Bad Gateway: <html> <body>Bad gateway</body> </html>"));
        Assert.That(e.RequestId, Is.Null);
    }

    [Test]
    public void UploadDagTarball_NoVersionHeader_ThrowsAstroException()
    {
        _respond = c => Write(c, 201, "application/xml", "");
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroException>(() =>
            client.UploadDagTarballAsync($"{_baseUrl}dags/d1?sig=abc", new MemoryStream([1, 2, 3]), CancellationToken.None))!;

        Assert.That(e.Message, Does.StartWith("PUT /dags/d1: 201 without an x-ms-version-id header"));
    }
}
