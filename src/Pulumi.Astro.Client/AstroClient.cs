using System.Net;
using System.Reflection;
using System.Text;
using Flurl.Http;
using Flurl.Http.Configuration;
using Flurl.Http.Content;
using Newtonsoft.Json;
using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

/// <summary>
/// The Astro Platform API v1 client (API fact sheet §2), over Flurl with its own connection pool, timeout, limit on
/// requests in flight and pace (<see cref="AstroClientOptions.AdaptiveRateLimit"/>). Create one per provider
/// configuration and dispose it with the provider: its calls then share one rate limit.
/// </summary>
/// <remarks>
/// <para>Every request is one of three kinds, which decides what is retried (within <see cref="AstroClientOptions.Retry"/>)
/// and what a lost answer means:</para>
/// <list type="bullet">
/// <item><b>Idempotent</b>: GET, DELETE, and the PUTs of the blob upload and the registry manifest, which overwrite.
/// 429, 500, 502, 503, 504, connection failures and timeouts are retried.</item>
/// <item><b>Create</b>: a POST that makes a new object, so that a second send would make a second one: create a
/// Deployment, a Cluster, a deploy, a workspace, an environment object, an API token or an agent token, roll a deploy
/// back (Astro records the rollback as a new deploy), and rotate an API token (each send issues a new value that only
/// its answer carries). It is
/// retried only when it provably never reached Astro: the connection could not be opened (refused, DNS), or a 429,
/// because the rate limiter refused it before Astro processed it. When its fate is unknown (a 500, 502, 503 or 504,
/// a connection that broke after it was sent, or a timeout) the client throws <see cref="AstroOutcomeUnknownException"/>
/// and does not retry: Astro may have made the object before failing or before the answer was lost, and only a
/// lookup (by name) can tell, so that it is never created twice.</item>
/// <item><b>Update</b>: a POST to an object that already exists, which replaces its settings in full (§8.2): update a
/// Deployment, a Cluster, a deploy's description, a workspace, an environment object, an API token or its roles,
/// finalize a deploy, set a hibernation override, exclude a Deployment from an environment object's links. Sending it twice
/// leaves the same state, but it is retried as sparingly as a create (429 and unopened connections only). A 502, 503,
/// 504, broken connection or timeout throws <see cref="AstroOutcomeUnknownException"/>; a 500 is Astro's answer and
/// throws <see cref="AstroApiException"/>, since re-sending after reading the object back is safe either way.</item>
/// </list>
/// <para>Other statuses (400, 401, 403, 404, 409, 412, and a 500 on a POST) are not retried; 409 on cluster
/// update/delete is a workflow conflict the provider waits out with its own timeout (§7.1).</para>
/// <para>Rate limits: every request of the client passes one gate, which bounds the requests in flight and, with
/// <see cref="AstroClientOptions.AdaptiveRateLimit"/>, paces Astro API requests to the rate Astro was found to allow
/// after its first 429, so that the calls of a whole provider process share that budget. Polls marked with
/// <see cref="AstroRequestPriority.Background"/> give way to other calls while requests queue. The pacing changes when
/// requests are sent, never what is retried.</para>
/// <para>TLS certificates are always validated; the client offers no way to turn that off. A certificate that fails
/// validation is reported with its host, subject, issuer, validity and the reason it failed.</para>
/// <para>No message the client builds shows the token or a value named in <see cref="AstroRedaction"/>.</para>
/// <para>Organization access (teams, roles, users, invites, the IP access list, the organization update) follows the same
/// three kinds; AstroClient.Access.cs lists which request is which.</para>
/// </remarks>
public sealed partial class AstroClient : IAstroClient, IDisposable
{
    private const string JsonMediaType = "application/json";

    private readonly AstroClientOptions _options;
    private readonly HttpClient _httpClient;
    private readonly FlurlClient _flurl;
    private readonly ISerializer _json = AstroJsonSerializer.Instance;
    private readonly AdaptiveRateLimiter _limiter;
    private readonly string _baseUrl;
    private readonly string _basePath;
    private readonly string _userAgent;
    private readonly string _organizationPath;

    /// <summary>Creates a client; throws <see cref="ArgumentException"/> for unusable options, e.g. a plain http host.</summary>
    public AstroClient(AstroClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;

        // Astro serves everything under /v1 (§1); a host with a path (a proxy prefix) keeps it.
        var host = options.Host.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _baseUrl = host;
        _basePath = options.Host.AbsolutePath.TrimEnd('/');
        _organizationPath = "/v1/organizations/" + Uri.EscapeDataString(Id(options.OrganizationId, nameof(options.OrganizationId)));
        _userAgent = "pulumi-astro/" + (options.UserAgentVersion ?? AssemblyVersion());

        // One handler per client, so pool size, timeouts and the in-flight limit are this client's alone. No redirects
        // are followed (the API has none, and a redirect must not carry the token elsewhere); no cookies are kept.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConcurrentRequests,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = ValidateCertificate;
        _httpClient = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _flurl = new FlurlClient(_httpClient);
        // The client enforces its own per-attempt timeout, so it can tell a timeout from the caller's cancellation.
        _flurl.Settings.Timeout = null;
        // Every status comes back as a response: the retry loop decides what an error status means.
        _flurl.Settings.AllowedHttpStatusRange = "*";
        // Flurl 4 follows redirects itself (the handler's AllowAutoRedirect does not stop it): turn that off too.
        _flurl.Settings.Redirects.Enabled = false;
        _flurl.Settings.JsonSerializer = _json;
        // One limiter per client: every call of the client shares its in-flight slots and its pace (AstroClientOptions.AdaptiveRateLimit).
        // Others wait out a 429 without Retry-After for the shortest first backoff, and never a wait the retry budget could not.
        _limiter = new AdaptiveRateLimiter(options.TimeProvider, options.MaxConcurrentRequests, options.AdaptiveRateLimit,
            options.Retry.BaseDelay / 2, options.Retry.MaxElapsed);
        _registryCredential = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryUser}:{options.Token}"));
    }

    /// <inheritdoc/>
    public string OrganizationId => _options.OrganizationId;

    /// <summary>The User-Agent the client sends, <c>pulumi-astro/&lt;version&gt;</c>.</summary>
    public string UserAgent => _userAgent;

    /// <inheritdoc/>
    public void Dispose()
    {
        _flurl.Dispose();
        _httpClient.Dispose();
        _limiter.Dispose();
    }

    private static string AssemblyVersion()
    {
        var version = typeof(AstroClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(AstroClient).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>
    /// Checks an id argument before <see cref="OrgPath"/> escapes it. "." and ".." are refused: the URL parser would
    /// resolve them as dot-segments, and the request would reach another resource.
    /// </summary>
    private static string Id(string id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        if (id is "." or "..")
            throw new ArgumentException($"'{id}' is not a valid id.", parameterName);
        return id;
    }

    /// <summary>The path of a resource in the organization: each segment is escaped.</summary>
    private string OrgPath(params ReadOnlySpan<string> segments)
    {
        var path = new StringBuilder(_organizationPath);
        foreach (var segment in segments)
            path.Append('/').Append(Uri.EscapeDataString(segment));
        return path.ToString();
    }

    private Task<T> GetAsync<T>(string path, QueryString? query, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(HttpMethod.Get, path, query, body: null, RequestKind.Idempotent, cancellationToken);

    /// <summary>POSTs a create: a second send would make a second object (see the class remarks).</summary>
    private Task<T> PostCreateAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(HttpMethod.Post, path, query: null, body, RequestKind.Create, cancellationToken);

    /// <summary>POSTs an update: the object exists and a second send leaves the same state (see the class remarks).</summary>
    private Task<T> PostUpdateAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(HttpMethod.Post, path, query: null, body, RequestKind.Update, cancellationToken);

    private async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        // Astro answers 204 (both official clients also accept 200), with no body to read (§1.1).
        using var response = await SendAsync(HttpMethod.Delete, path, query: null, body: null, RequestKind.Idempotent, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<T> SendJsonAsync<T>(
        HttpMethod method, string path, QueryString? query, object? body, RequestKind kind, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, query, body, kind, cancellationToken).ConfigureAwait(false);
        var displayPath = _basePath + path;
        // Like Astro's generated clients, decode only a body that says it is JSON (§1).
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            throw new AstroException(method.Method, displayPath,
                $"{method.Method} {displayPath}: {(int)response.StatusCode} with Content-Type '{Redactor.Cap(NewRedactor().Apply(mediaType))}', expected a JSON body");
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _json.Deserialize<T>(text);
        }
        catch (JsonException e)
        {
            // Newtonsoft's message may quote the value it could not read.
            throw new AstroException(method.Method, displayPath,
                $"{method.Method} {displayPath}: {(int)response.StatusCode} body is not a valid {typeof(T).Name}: {Redactor.Cap(NewRedactor().Apply(e.Message))}");
        }
    }

    private Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, QueryString? query, object? body, RequestKind kind, CancellationToken cancellationToken)
    {
        var json = body is null ? null : _json.Serialize(body);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Authorization", "Bearer " + _options.Token),
            new("User-Agent", _userAgent),
            new("Accept", JsonMediaType),
            new("x-astro-client-identifier", "pulumi-astro"),
        };
        var request = new AttemptRequest(
            method,
            Url: _baseUrl + path + query,
            DisplayPath: _basePath + path,
            Headers: headers,
            // Flurl's captured content keeps the text, so HttpTest (and a debugger) can read what was sent.
            Content: json is null ? null : () => new CapturedJsonContent(json),
            kind,
            Paced: true);
        return SendWithRetriesAsync(request, cancellationToken);
    }

    /// <summary>Walks every page of a list by offset and limit, as the Terraform provider and the CLI do (§1.3).</summary>
    private static async Task<IReadOnlyList<T>> ListAllAsync<TPage, T>(
        PageQuery? query, Func<int, int, Task<TPage>> fetchPage, CancellationToken cancellationToken)
        where TPage : IPage<T>
    {
        var limit = query?.Limit ?? 1000;
        if (limit < 1)
            throw new ArgumentOutOfRangeException(nameof(query), limit, "Walking all pages needs a limit of at least 1.");
        var offset = query?.Offset ?? 0;
        var items = new List<T>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetchPage(offset, limit).ConfigureAwait(false);
            items.AddRange(page.Items);
            // Advance by what came back, not by the limit asked for, in case the server capped the page.
            offset += page.Items.Count;
            if (page.Items.Count == 0 || offset >= page.TotalCount)
                return items;
        }
    }
}
