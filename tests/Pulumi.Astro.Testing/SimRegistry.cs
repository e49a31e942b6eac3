using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pulumi.Astro.Testing;

/// <summary>A manifest as astro-sim's registry holds it under a tag.</summary>
public sealed record SimManifest(string Digest, string MediaType, byte[] Data);

/// <summary>
/// Pushes and reads manifests in astro-sim's image registry (<c>/v2</c>, Basic <c>cli:&lt;token&gt;</c>), as a user's CI
/// would push an image before a Deploy retags it. Works with the registry's default Basic auth.
/// </summary>
public sealed class SimRegistry(string token) : IDisposable
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    private readonly HttpClient _http = new();

    /// <summary>A small OCI image manifest; <paramref name="seed"/> makes its layer digest, and so its own digest, unique.</summary>
    public static byte[] Manifest(string seed)
    {
        string Sha(string s) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        return Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{OciManifest}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Sha("config" + seed)}}","size":7023},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{Sha("layer" + seed)}}","size":32654}]}""");
    }

    public static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static string Url(string imageRepository, string reference)
    {
        var slash = imageRepository.IndexOf('/');
        return $"http://{imageRepository[..slash]}/v2/{imageRepository[(slash + 1)..]}/manifests/{reference}";
    }

    private HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"cli:{token}")));
        return request;
    }

    /// <summary>PUTs a manifest under a tag (what `docker push` ends with) and returns the digest the registry answered.</summary>
    public async Task<string> PushAsync(string imageRepository, string tag, byte[] manifest, string mediaType = OciManifest)
    {
        using var request = Request(HttpMethod.Put, Url(imageRepository, tag));
        request.Content = new ByteArrayContent(manifest);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"push {imageRepository}:{tag}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>The manifest under a tag, or null if the registry answers 404.</summary>
    public async Task<SimManifest?> GetAsync(string imageRepository, string tag)
    {
        using var request = Request(HttpMethod.Get, Url(imageRepository, tag));
        using var response = await _http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return new SimManifest(response.Headers.GetValues("Docker-Content-Digest").Single(), response.Content.Headers.ContentType!.MediaType!,
            await response.Content.ReadAsByteArrayAsync());
    }

    public void Dispose() => _http.Dispose();
}
