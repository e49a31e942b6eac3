using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// astro-sim as the Deployments' image registry: the manifest part of the OCI Distribution API v2 under <c>/v2</c>,
/// enough for a client to check a tag, read a manifest and tag it again (API fact sheet §5.6, §7.4 step 2). The CLI logs
/// in as user <c>cli</c> with the API token; with <see cref="SimulatorOptions.RegistryTokenAuth"/> the registry wants a
/// Bearer token from <c>/_registry/token</c> instead, as real registries do. Blobs are not served: a retag within one
/// repository never needs them. Manifests are stored per repository and tag as <c>manifest</c> objects, so they persist
/// with the rest of the state.
/// </summary>
internal static class RegistryApi
{
    public const string Kind = "manifest";

    internal static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    public static void Map(WebApplication app, AstroSim sim)
    {
        app.MapGet("/_registry/token", (HttpContext ctx) =>
        {
            if (!BasicAuthorized(ctx, sim)) return Error(ctx, 401, "UNAUTHORIZED", "log in as cli with the API token", sim, null);
            var token = "simreg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            sim.RegistryTokens[token] = true;
            return SimulatorHost.Json(new JObject { ["token"] = token, ["expires_in"] = 300 });
        });
        app.MapMethods("/v2", ["GET", "HEAD"], (Func<HttpContext, Task<IResult>>)(ctx => Handle(ctx, sim, "")));
        app.MapMethods("/v2/{**rest}", ["GET", "HEAD", "PUT"], (HttpContext ctx, string? rest) => Handle(ctx, sim, rest ?? ""));
    }

    /// <summary>The repository name inside the registry: the image repository without its host.</summary>
    public static string NameOf(string imageRepository)
    {
        var slash = imageRepository.IndexOf('/');
        return slash < 0 ? imageRepository : imageRepository[(slash + 1)..];
    }

    public static string Id(string name, string tag) => $"{name}:{tag}";

    private static async Task<IResult> Handle(HttpContext ctx, AstroSim sim, string rest)
    {
        ctx.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        var marker = rest.LastIndexOf("/manifests/", StringComparison.Ordinal);
        var name = marker > 0 ? rest[..marker] : null;
        if (!Authorized(ctx, sim)) return Error(ctx, 401, "UNAUTHORIZED", "authentication required", sim, name);
        if (rest.Trim('/').Length == 0) return SimulatorHost.Json(new JObject());
        if (name is null) return Error(ctx, 404, "UNSUPPORTED", $"astro-sim's registry serves manifests only, not /v2/{rest}", sim, null);
        var reference = rest[(marker + "/manifests/".Length)..];

        if (HttpMethods.IsPut(ctx.Request.Method))
        {
            var mediaType = ctx.Request.ContentType?.Split(';')[0].Trim();
            if (mediaType is null || !ManifestTypes.Contains(mediaType))
                return Error(ctx, 400, "MANIFEST_INVALID", $"Content-Type must be a manifest media type, not '{mediaType}'", sim, name);
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted).ConfigureAwait(false);
            var data = buffer.ToArray();
            try
            {
                JObject.Parse(Encoding.UTF8.GetString(data));
            }
            catch (JsonException e)
            {
                return Error(ctx, 400, "MANIFEST_INVALID", $"the manifest is not JSON: {e.Message}", sim, name);
            }
            var digest = Digest(data);
            if (reference.StartsWith("sha256:", StringComparison.Ordinal) && reference != digest)
                return Error(ctx, 400, "DIGEST_INVALID", $"the manifest's digest is {digest}, not {reference}", sim, name);
            lock (sim.Store.Gate)
            {
                sim.Store.Put(Kind, Id(name, reference), new JObject
                {
                    ["repository"] = name,
                    ["tag"] = reference,
                    ["mediaType"] = mediaType,
                    ["digest"] = digest,
                    ["data"] = Convert.ToBase64String(data),
                    ["pushedAt"] = sim.Stamp(),
                });
            }
            ctx.Response.Headers["Docker-Content-Digest"] = digest;
            ctx.Response.Headers.Location = $"/v2/{name}/manifests/{digest}";
            return Results.StatusCode(201);
        }

        JObject? manifest;
        lock (sim.Store.Gate)
        {
            manifest = reference.StartsWith("sha256:", StringComparison.Ordinal)
                ? sim.Store.All(Kind).FirstOrDefault(m => (string?)m["repository"] == name && (string?)m["digest"] == reference)
                : sim.Store.Get(Kind, Id(name, reference));
        }
        if (manifest is null) return Error(ctx, 404, "MANIFEST_UNKNOWN", $"manifest unknown: {name}:{reference}", sim, name);
        var bytes = Convert.FromBase64String((string)manifest["data"]!);
        ctx.Response.Headers["Docker-Content-Digest"] = (string)manifest["digest"]!;
        if (HttpMethods.IsHead(ctx.Request.Method))
        {
            ctx.Response.ContentType = (string)manifest["mediaType"]!;
            ctx.Response.ContentLength = bytes.Length;
            return Results.Empty;
        }
        return Results.Bytes(bytes, (string)manifest["mediaType"]!);
    }

    public static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static bool Authorized(HttpContext ctx, AstroSim sim)
    {
        if (!sim.Options.RegistryTokenAuth) return BasicAuthorized(ctx, sim);
        var header = ctx.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && sim.RegistryTokens.ContainsKey(header[7..].Trim());
    }

    /// <summary>Basic <c>cli:&lt;API token&gt;</c>, the CLI's registry login (§7.4).</summary>
    private static bool BasicAuthorized(HttpContext ctx, AstroSim sim)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return string.Equals(pair, $"cli:{sim.Options.Token}", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A registry error body (<c>{"errors":[{code, message}]}</c>); a 401 carries the challenge to log in with.</summary>
    private static IResult Error(HttpContext ctx, int status, string code, string message, AstroSim sim, string? name)
    {
        if (status == 401)
        {
            ctx.Response.Headers.WWWAuthenticate = sim.Options.RegistryTokenAuth
                ? $"Bearer realm=\"{sim.BaseUrl}/_registry/token\",service=\"astro-sim\"" + (name is null ? "" : $",scope=\"repository:{name}:pull,push\"")
                : "Basic realm=\"astro-sim\"";
        }
        var body = new JObject { ["errors"] = new JArray(new JObject { ["code"] = code, ["message"] = message }) };
        return SimulatorHost.Json(body, status);
    }
}

/// <summary>The registry's share of the simulated organization.</summary>
internal sealed partial class AstroSim
{
    /// <summary>Bearer tokens the registry's realm handed out; they last as long as the process.</summary>
    public ConcurrentDictionary<string, bool> RegistryTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>astro-sim's <c>host:port</c>, the registry host of every Deployment's imageRepository.</summary>
    public string RegistryHost => new Uri(BaseUrl).Authority;

    /// <summary>Whether <paramref name="imageRepository"/>:<paramref name="tag"/> was pushed to the registry.</summary>
    public bool ImagePushed(string imageRepository, string tag) => Store.Get(RegistryApi.Kind, RegistryApi.Id(RegistryApi.NameOf(imageRepository), tag)) is not null;
}
