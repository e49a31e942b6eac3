using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Client;

// The Deployment's image registry, over the OCI Distribution API v2 (API fact sheet §5.3 imageRepository, §5.6, §7.4
// step 2). The CLI logs in as user "cli" with the API token as the password; a registry that answers 401 with a Bearer
// challenge wants a token from its realm first (the Docker token flow), which is fetched with the same credentials.
public sealed partial class AstroClient
{
    private const string RegistryUser = "cli";

    /// <summary>Every manifest type an image tag may point at, so the registry answers with the stored one, unconverted.</summary>
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    // OCI Distribution spec: a tag, and a repository name's path components.
    private static readonly Regex TagPattern = new("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant);
    private static readonly Regex NameComponent = new("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    /// <summary>Bearer tokens from registry realms, per repository and scope; a token is fetched again when refused.</summary>
    private readonly ConcurrentDictionary<string, string> _registryTokens = new(StringComparer.Ordinal);

    /// <summary>Whether a string is a valid image tag (OCI Distribution spec).</summary>
    public static bool IsValidImageTag(string tag) => TagPattern.IsMatch(tag);

    /// <inheritdoc/>
    public async Task<bool> ImageTagExistsAsync(string imageRepository, string tag, CancellationToken cancellationToken)
    {
        var repo = RegistryRepository.Parse(imageRepository);
        using var response = await SendRegistryAsync(repo, HttpMethod.Head, ManifestPath(repo, Tag(tag, nameof(tag))), null, [404], cancellationToken)
            .ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <inheritdoc/>
    public async Task<string> RetagImageAsync(string imageRepository, string sourceTag, string targetTag, CancellationToken cancellationToken)
    {
        var repo = RegistryRepository.Parse(imageRepository);
        byte[] manifest;
        string mediaType;
        using (var source = await SendRegistryAsync(repo, HttpMethod.Get, ManifestPath(repo, Tag(sourceTag, nameof(sourceTag))), null, null, cancellationToken)
            .ConfigureAwait(false))
        {
            manifest = await source.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            mediaType = source.Content.Headers.ContentType?.MediaType ?? MediaTypeOf(manifest)
                ?? throw new AstroException("GET", repo.Display(sourceTag), $"GET {repo.Display(sourceTag)}: the manifest has no media type");
        }
        // The same bytes under the new tag: a PUT of a manifest is idempotent, so it is retried like a GET.
        using var target = await SendRegistryAsync(repo, HttpMethod.Put, ManifestPath(repo, Tag(targetTag, nameof(targetTag))),
            () =>
            {
                var content = new ByteArrayContent(manifest);
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return content;
            }, null, cancellationToken).ConfigureAwait(false);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
        if (target.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { Length: > 0 } answered && answered != digest)
            throw new AstroException("PUT", repo.Display(targetTag),
                $"PUT {repo.Display(targetTag)}: the registry stored digest {answered}, but the manifest's digest is {digest}");
        return digest;
    }

    private static string Tag(string tag, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag, parameterName);
        if (!IsValidImageTag(tag))
            throw new ArgumentException($"'{tag}' is not a valid image tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'.", parameterName);
        return tag;
    }

    private static string ManifestPath(RegistryRepository repo, string reference) => $"/v2/{repo.Name}/manifests/{reference}";

    /// <summary>The <c>mediaType</c> a manifest declares in its body, for a registry that answers without a Content-Type.</summary>
    private static string? MediaTypeOf(byte[] manifest)
    {
        try
        {
            return (string?)JObject.Parse(Encoding.UTF8.GetString(manifest))["mediaType"];
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// One registry request: with a cached Bearer token if there is one, else Basic <c>cli:&lt;token&gt;</c>; a 401 with a
    /// Bearer challenge fetches a token from the realm and sends once more.
    /// </summary>
    private async Task<HttpResponseMessage> SendRegistryAsync(RegistryRepository repo, HttpMethod method, string path, Func<HttpContent>? content,
        IReadOnlyCollection<int>? returned, CancellationToken cancellationToken)
    {
        var url = repo.BaseUrl + path;
        var cacheKey = repo.BaseUrl + "/" + repo.Name;
        var accepted = new List<int>(returned ?? []) { 401 };
        for (var round = 0; ; round++)
        {
            var authorization = _registryTokens.TryGetValue(cacheKey, out var bearer) ? "Bearer " + bearer : BasicAuthorization();
            var request = new AttemptRequest(method, url, repo.Host + path,
                [new("Authorization", authorization), new("User-Agent", _userAgent), new("Accept", string.Join(", ", ManifestTypes))],
                content, RequestKind.Idempotent, accepted);
            var response = await SendWithRetriesAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
            var challenge = response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
            if (round > 0 || challenge is null)
            {
                using (response)
                    throw new AstroApiException(method.Method, repo.Host + path, HttpStatusCode.Unauthorized, response.ReasonPhrase,
                        $"the registry {repo.Host} refused the login as '{RegistryUser}' with the Astro API token" +
                        (challenge is null ? "" : " (after a Bearer token from its realm)") + ": the token needs permission to deploy to this Deployment",
                        null, null);
            }
            response.Dispose();
            _registryTokens[cacheKey] = await FetchRegistryTokenAsync(repo, challenge.Parameter ?? "", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The registry login <c>cli:&lt;token&gt;</c> in Base64, redacted like the token itself.</summary>
    private readonly string _registryCredential;

    private string BasicAuthorization() => "Basic " + _registryCredential;

    /// <summary>The Docker token flow: GET the challenge's realm with service and scope, logged in with Basic auth.</summary>
    private async Task<string> FetchRegistryTokenAsync(RegistryRepository repo, string challenge, CancellationToken cancellationToken)
    {
        var parameters = ParseChallenge(challenge);
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            throw new AstroException("GET", repo.Host, $"the registry {repo.Host} asked for a Bearer token without a usable realm");
        // The token request carries the API token: it must not go over plain http to anything but loopback.
        AstroClientOptions.RequireSecureTransport(realmUri, "registry token realm");
        var query = new StringBuilder();
        void Add(string key, string value) => query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        if (parameters.TryGetValue("service", out var service)) Add("service", service);
        Add("scope", parameters.TryGetValue("scope", out var scope) ? scope : $"repository:{repo.Name}:pull,push");
        var request = new AttemptRequest(HttpMethod.Get, realm + (realmUri.Query.Length > 0 ? "&" + query.ToString(1, query.Length - 1) : query.ToString()),
            realmUri.Host + realmUri.AbsolutePath, [new("Authorization", BasicAuthorization()), new("User-Agent", _userAgent)], null, RequestKind.Idempotent);
        using var response = await SendWithRetriesAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var body = JObject.Parse(text);
            if (((string?)body["token"] ?? (string?)body["access_token"]) is { Length: > 0 } token) return token;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Reported below without quoting the body: it may hold a token.
        }
        throw new AstroException("GET", request.DisplayPath, $"GET {request.DisplayPath}: the registry's token answer has no token");
    }

    /// <summary>The <c>key="value"</c> pairs of a WWW-Authenticate challenge.</summary>
    internal static Dictionary<string, string> ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Regex.Matches(parameter, "([A-Za-z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))", RegexOptions.CultureInvariant))
            result[m.Groups[1].Value] = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
        return result;
    }

    /// <summary>An image repository <c>host[:port]/name</c>: https, or http for a loopback host (astro-sim), as for the API host.</summary>
    private sealed record RegistryRepository(string BaseUrl, string Host, string Name)
    {
        public string Display(string tag) => $"{Host}/{Name}:{tag}";

        public static RegistryRepository Parse(string imageRepository)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(imageRepository);
            var text = imageRepository.Trim();
            var slash = text.IndexOf('/');
            if (text.Contains("://", StringComparison.Ordinal) || slash <= 0 || slash == text.Length - 1)
                throw new ArgumentException($"'{imageRepository}' is not an image repository of the form host[:port]/path.", nameof(imageRepository));
            var host = text[..slash];
            var name = text[(slash + 1)..];
            if (name.Split('/').Any(c => !NameComponent.IsMatch(c)))
                throw new ArgumentException($"'{imageRepository}' is not a valid image repository name: lower-case path components of letters, digits and separators.", nameof(imageRepository));
            if (!Uri.TryCreate("http://" + host, UriKind.Absolute, out var probe) || probe.AbsolutePath != "/")
                throw new ArgumentException($"'{host}' is not a registry host.", nameof(imageRepository));
            var scheme = probe.IsLoopback ? "http" : "https";
            return new RegistryRepository($"{scheme}://{host}", host, name);
        }
    }
}
