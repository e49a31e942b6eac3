using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;
using CheckFailure = Pulumi.Astro.Provider.Schema.CheckFailure;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// What a resource needs for one CRUD call: the client, the wait machinery, progress and cancellation. The
/// cancellation ends with the engine's Cancel, the call's own end, or the plugin's shutdown (SIGINT, SIGTERM, the
/// engine gone), so a wait stops at once and answers with partial state. <see cref="Redactor"/> holds the secret
/// strings of the call's inputs and the configured token; every line this operation logs is redacted with it, and so is
/// the call's error (<see cref="ErrorMapping"/>).
/// </summary>
public sealed class Operation(IAstroClient client, Waiter waiter, IEngineLog log, string urn, TimeSpan? timeout, CancellationToken cancellation, Redactor? redactor = null)
{
    public IAstroClient Client { get; } = client;
    public Waiter Waiter { get; } = waiter;
    public IEngineLog Log { get; } = log;
    public string Urn { get; } = urn;
    /// <summary>The engine's customTimeouts value for this call, when the user set one.</summary>
    public TimeSpan? Timeout { get; } = timeout;
    public CancellationToken Cancellation { get; } = cancellation;
    public Redactor Redactor { get; } = redactor ?? Redactor.None;

    /// <summary>An ephemeral status line on the resource's row (protocol fact sheet §2.10).</summary>
    public Task Progress(string message) => Log.LogAsync(LogSeverity.Info, EngineText.Clean(message, Redactor), Urn, ephemeral: true);

    public Task Info(string message) => Log.LogAsync(LogSeverity.Info, EngineText.Clean(message, Redactor), Urn);
    public Task Warn(string message) => Log.LogAsync(LogSeverity.Warning, EngineText.Clean(message, Redactor), Urn);
}

/// <summary>What Read found: the live outputs and the inputs rebuilt from them, shaped as Check returns them.</summary>
public sealed record ReadResult(string Id, PropertyMap Outputs, PropertyMap Inputs);

/// <summary>
/// A resource: its <see cref="ResourceType"/> table (schema, generic checks, diff rules) and its lifecycle. The
/// generic rules come from the table; a resource adds its own Check rules and API calls.
/// </summary>
public abstract class AstroResource
{
    public abstract ResourceType Type { get; }

    /// <summary>Checks new inputs: the generic table rules, then <see cref="CheckRules"/>. Returns inputs with defaults.</summary>
    public PropertyMap Check(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures)
    {
        var checkedInputs = Rules.Check(news, Type.Props, failures);
        return CheckRules(name, olds, checkedInputs, failures);
    }

    /// <summary>Resource-specific rules (API fact sheet §8) and computed defaults; called after the generic ones.</summary>
    protected virtual PropertyMap CheckRules(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures) => news;

    /// <summary>Old inputs against new inputs; <see cref="Prop.ReplaceOnChanges"/> props replace.</summary>
    public virtual DiffResult Diff(PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news) => Rules.Diff(oldInputs, news, Type.Props);

    public abstract Task<(string Id, PropertyMap Outputs)> CreateAsync(Operation op, PropertyMap inputs);

    /// <summary>Reads live state; null when the object is gone. <paramref name="oldInputs"/> is null on import.</summary>
    public abstract Task<ReadResult?> ReadAsync(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs);

    public abstract Task<PropertyMap> UpdateAsync(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news);

    public abstract Task DeleteAsync(Operation op, string id, PropertyMap oldOutputs);

    /// <summary>
    /// Preview outputs: the known inputs, and every computed output unknown (style.md principle 2), except a computed
    /// value Check already put in the inputs (such as a Deploy's contentHash), which is known.
    /// </summary>
    public PropertyMap PreviewOutputs(PropertyMap inputs) =>
        new(inputs.Entries.Concat(Type.Props.Where(p => p.Computed && !inputs.Has(p.Name)).Select(p => new KeyValuePair<string, PropertyValue>(p.Name, PropertyValue.Unknown))));

    /// <summary>
    /// Outputs are the inputs (secrets kept) plus computed values; a top-level output whose input was secret, or whose
    /// schema property is secret, is wrapped (protocol fact sheet §3.4).
    /// </summary>
    protected PropertyMap Outputs(PropertyMap inputs, IEnumerable<KeyValuePair<string, PropertyValue>> computed)
    {
        var merged = new PropertyMap(inputs.Entries.Concat(computed.Where(c => !inputs.Has(c.Key) || Type.Props.Any(p => p.Name == c.Key && p.Computed))));
        return new PropertyMap(merged.Entries.Select(e =>
        {
            var secret = inputs[e.Key].IsSecret || Type.Props.Any(p => p.Name == e.Key && p.Secret);
            return secret && !e.Value.IsNull ? new KeyValuePair<string, PropertyValue>(e.Key, PropertyValue.Secret(e.Value)) : e;
        }));
    }

    /// <summary>
    /// POSTs a create. If Astro's answer was lost (<see cref="AstroOutcomeUnknownException"/>), the object may exist:
    /// <paramref name="find"/> looks it up by name and the create continues with it, so nothing is ever made twice;
    /// when it is not there, the error says that running again is safe. <paramref name="what"/> reads like
    /// "Deployment 'etl'", <paramref name="where"/> like "in workspace X".
    /// </summary>
    protected static async Task<T> CreateOnce<T>(Operation op, string what, string where, Func<Task<T>> create, Func<Task<T?>> find, Func<T, string> id)
        where T : class
    {
        try
        {
            return await create().ConfigureAwait(false);
        }
        catch (AstroOutcomeUnknownException)
        {
            var found = await find().ConfigureAwait(false)
                ?? throw new InputException($"creating {what} failed: Astro did not answer, and no {what} exists {where}; it is safe to run again");
            await op.Warn($"Astro did not answer the create of {what}, but it exists ({id(found)}); continuing with it").ConfigureAwait(false);
            return found;
        }
    }

    /// <summary>The object, or null when Astro answers 404: "not found" is a state, not an error (style.md principle 4).</summary>
    protected static async Task<T?> UnlessGone<T>(Task<T> get) where T : class
    {
        try
        {
            return await get.ConfigureAwait(false);
        }
        catch (AstroApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>The timeout for this call: the engine's customTimeouts value, or the resource's documented default.</summary>
    protected static TimeSpan TimeoutOr(Operation op, TimeSpan fallback) => op.Timeout ?? fallback;

    // ---- typed reads of checked inputs (null when absent, unknown or of another kind) ----

    protected static string? S(PropertyMap m, string name) => m[name].Unwrapped is { Kind: PropertyKind.String } v ? v.AsString : null;
    protected static bool? B(PropertyMap m, string name) => m[name].Unwrapped is { Kind: PropertyKind.Bool } v ? v.AsBool : null;
    protected static int? I(PropertyMap m, string name) => m[name].Unwrapped is { Kind: PropertyKind.Number } v ? Int32(v.AsNumber, name) : null;

    /// <summary>A whole number as Astro's 32-bit integers take it; Check refuses others, so this guards a request that skipped it.</summary>
    private static int Int32(double n, string name) => double.IsFinite(n) && Math.Floor(n) == n && n is >= int.MinValue and <= int.MaxValue
        ? (int)n
        : throw new InputException($"{name}: {n.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a whole number from {int.MinValue} to {int.MaxValue}");
    protected static PropertyMap? O(PropertyMap m, string name) => m[name].Unwrapped is { Kind: PropertyKind.Object } v ? v.AsObject : null;
    protected static IEnumerable<PropertyMap> L(PropertyMap m, string name) =>
        m[name].Unwrapped is { Kind: PropertyKind.Array } v ? v.AsArray.Select(x => x.Unwrapped).Where(x => x.Kind == PropertyKind.Object).Select(x => x.AsObject) : [];
    protected static IReadOnlyList<string>? Strings(PropertyMap m, string name) =>
        m[name].Unwrapped is { Kind: PropertyKind.Array } v ? v.AsArray.Select(x => x.Unwrapped.AsString).ToList() : null;

    /// <summary>RFC 3339 in UTC to the second, as Astro writes times.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    protected static PropertyValue Str(string? s) => PropertyValue.From(s);
    protected static PropertyValue Bool(bool? b) => b is null ? PropertyValue.Null : PropertyValue.From(b.Value);
    protected static PropertyValue Num(double? n) => n is null ? PropertyValue.Null : PropertyValue.From(n.Value);
    protected static PropertyValue Strs(IEnumerable<string>? items) => items is null ? PropertyValue.Null : PropertyValue.From(items.Select(PropertyValue.From));
    protected static KeyValuePair<string, PropertyValue> Kv(Prop prop, PropertyValue value) => new(prop.Name, value);
}
