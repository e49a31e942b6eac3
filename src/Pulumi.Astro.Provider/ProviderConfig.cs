using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider;

/// <summary>
/// The provider configuration (<c>astro:host</c>, <c>astro:organizationId</c>, <c>astro:token</c>) with environment
/// fallbacks. Default providers get it as strings from stack config; explicit providers as typed values; both work.
/// </summary>
public sealed record ProviderConfig(Uri Host, string OrganizationId, string Token)
{
    public static readonly Prop HostProp = P.Str("host",
        "The Astro API host; paths go under `/v1`. Defaults to `https://api.astronomer.io`. Plain `http://` is accepted only " +
        "for a loopback host such as astro-sim.") with { Env = "ASTRO_HOST" };

    public static readonly Prop OrganizationIdProp = P.Str("organizationId",
        "The id of the Astro organization to manage (a CUID such as `clmh57jtm000008lb58fe2wmv`).") with { Env = "ASTRO_ORGANIZATION_ID" };

    public static readonly Prop TokenProp = P.Str("token",
        "An Astro API token (organization or workspace) or a user token, sent as a bearer token. Kept secret.").Sec() with { Env = "ASTRO_API_TOKEN" };

    public static readonly IReadOnlyList<Prop> Props = [HostProp, OrganizationIdProp, TokenProp];

    /// <summary>Reads the config from checked inputs or Configure args, falling back to the environment.</summary>
    public static (ProviderConfig? Config, List<CheckFailure> Failures) From(PropertyMap values, Func<string, string?> env)
    {
        var failures = new List<CheckFailure>();
        string? Value(Prop prop)
        {
            var v = values[prop.Name].Unwrapped;
            if (v.IsUnknown) return null;
            if (v.Kind == PropertyKind.String && v.AsString.Length > 0) return v.AsString;
            if (!v.IsNull && v.Kind != PropertyKind.String) failures.Add(new CheckFailure(prop.Name, $"astro:{prop.Name} must be a string"));
            var fromEnv = env(prop.Env!);
            return string.IsNullOrEmpty(fromEnv) ? null : fromEnv;
        }

        var host = Value(HostProp) ?? AstroClientOptions.DefaultHost.ToString();
        var org = Value(OrganizationIdProp);
        var token = Value(TokenProp);
        if (org is null)
            failures.Add(new CheckFailure(OrganizationIdProp.Name, "astro:organizationId is required: set it with `pulumi config set astro:organizationId <id>` or the ASTRO_ORGANIZATION_ID environment variable"));
        if (token is null)
            failures.Add(new CheckFailure(TokenProp.Name, "astro:token is required: set it with `pulumi config set --secret astro:token <token>` or the ASTRO_API_TOKEN environment variable"));
        if (!Uri.TryCreate(host, UriKind.Absolute, out var hostUri))
        {
            failures.Add(new CheckFailure(HostProp.Name, $"astro:host (or ASTRO_HOST) must be an absolute URL such as https://api.astronomer.io, not '{host}'"));
            return (null, failures);
        }
        if (failures.Count > 0) return (null, failures);
        var config = new ProviderConfig(hostUri, org!, token!);
        try
        {
            // The client's own rules (https, or http on loopback only; a usable token) are the rules.
            using var probe = new AstroClient(config.ClientOptions());
        }
        catch (ArgumentException e)
        {
            var prop = e.ParamName == "Token" ? TokenProp : e.ParamName == "OrganizationId" ? OrganizationIdProp : HostProp;
            failures.Add(new CheckFailure(prop.Name, $"astro:{prop.Name} (or {prop.Env}): {e.Message.Split(" (Parameter")[0]}"));
            return (null, failures);
        }
        return (config, failures);
    }

    /// <summary>
    /// DiffConfig on the effective configuration: defaults applied, environment fallbacks resolved, the host normalized
    /// (scheme and host case, trailing slash, default port). Another organization or host replaces every resource of
    /// the provider (the engine replaces them all); a new token is an update. Null when a value is not known yet
    /// (preview with a config value from another resource): the caller answers DIFF_UNKNOWN.
    /// </summary>
    public static DiffResult? Diff(PropertyMap olds, PropertyMap news, Func<string, string?> env)
    {
        var changed = new List<string>();
        var replaces = new List<string>();
        var detailed = new Dictionary<string, DiffKind>(StringComparer.Ordinal);
        foreach (var prop in Props)
        {
            if (news[prop.Name].ContainsUnknowns || olds[prop.Name].ContainsUnknowns) return null;
            var (o, n) = (Effective(prop, olds, env), Effective(prop, news, env));
            if (o == n) continue;
            changed.Add(prop.Name);
            var replace = prop != TokenProp;
            if (replace) replaces.Add(prop.Name);
            detailed[prop.Name] = replace ? DiffKind.UpdateReplace : DiffKind.Update;
        }
        return new DiffResult(changed, replaces, detailed);
    }

    /// <summary>The value in force for <paramref name="prop"/>: the config value, else its environment variable, else the default; a host normalized.</summary>
    private static string? Effective(Prop prop, PropertyMap values, Func<string, string?> env)
    {
        var v = values[prop.Name].Unwrapped;
        var value = v.Kind == PropertyKind.String && v.AsString.Length > 0 ? v.AsString : env(prop.Env!) is { Length: > 0 } e ? e : null;
        if (prop != HostProp) return value;
        value ??= AstroClientOptions.DefaultHost.ToString();
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.Scheme | UriComponents.Host | UriComponents.Port | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/')
            : value;
    }

    public AstroClientOptions ClientOptions(TimeProvider? time = null) => new()
    {
        Host = Host,
        OrganizationId = OrganizationId,
        Token = Token,
        UserAgentVersion = ProviderVersion.Value,
        MaxConcurrentRequests = 32,
        TimeProvider = time ?? TimeProvider.System,
        // ASTRO_ADAPTIVE_RATE_LIMIT=off turns the client's pacing off (README, BENCHMARKS.md compare both).
        AdaptiveRateLimit = !IsOff(Environment.GetEnvironmentVariable(AdaptiveRateLimitEnv)),
    };

    /// <summary>The environment variable that turns the client's adaptive rate limit off: <c>off</c>, <c>false</c> or <c>0</c>.</summary>
    public const string AdaptiveRateLimitEnv = "ASTRO_ADAPTIVE_RATE_LIMIT";

    internal static bool IsOff(string? value) => value?.Trim().ToLowerInvariant() is "off" or "false" or "0";

    /// <summary>The token never prints.</summary>
    public override string ToString() => $"ProviderConfig {{ Host = {Host}, OrganizationId = {OrganizationId}, Token = [secret] }}";
}

public static class ProviderVersion
{
    /// <summary>The plugin's semantic version: the assembly's informational version without build metadata.</summary>
    public static string Value { get; } =
        (typeof(ProviderVersion).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.1.0")
        .Split('+')[0];
}
