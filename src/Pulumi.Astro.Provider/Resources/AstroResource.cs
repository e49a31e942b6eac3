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
/// The live object as a resource maps it from Astro's answer: its <paramref name="Inputs"/> (what a program would write
/// to get it) and its <paramref name="Computed"/> outputs. A value Astro did not send is <see cref="PropertyValue.Unknown"/>
/// (the generic rules keep the last known one); a key left out means Astro says it is not set.
/// </summary>
public sealed record LiveState(string Id, PropertyMap Inputs, PropertyMap Computed);

/// <summary>
/// A resource: its <see cref="ResourceType"/> table (schema, generic checks, diff rules) and its lifecycle. The
/// generic rules come from the table (<see cref="Rules"/>); a resource adds its own Check rules and API calls, and maps
/// Astro's answers to a <see cref="LiveState"/>. The public methods turn that into what the engine gets: outputs are the
/// program's inputs over the live object, secret at every depth where the schema says so; Read's inputs are
/// reconciled with the old ones (design note: docs/design/property-model.md).
/// </summary>
public abstract class AstroResource
{
    public abstract ResourceType Type { get; }

    /// <summary>
    /// Checks new inputs: the generic table rules, then <see cref="CheckRules"/>; every secret property is made secret.
    /// Returns inputs with defaults. Check(olds, Check(olds, news)) returns the same inputs: the engine feeds Check its
    /// own earlier output.
    /// </summary>
    /// <remarks>
    /// For an existing object (old inputs given), a property the rules require but that the old inputs and the new ones
    /// both leave out is not required: the state lacks it because Astro did not report it when the object was read (an
    /// import of a lean answer, whose generated program then leaves it out too), and only a create needs it. A
    /// replacement is checked again without old inputs (pulumi/pulumi pkg/resource/deploy/step_generator.go, "recompute
    /// the default values"), so a create still gets every requirement.
    /// </remarks>
    public PropertyMap Check(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures)
    {
        var own = new List<CheckFailure>();
        var checkedInputs = Rules.Check(news, Type.Props, own, olds: olds);
        var result = Rules.MarkSecrets(CheckRules(name, olds, checkedInputs, own), Type.Props);
        failures.AddRange(olds.Count == 0 ? own : own.Where(f => !NotReported(f.Property, olds, result)));
        return result;
    }

    /// <summary>A top-level input that an existing object's old inputs and the checked new ones both leave out.</summary>
    private bool NotReported(string path, PropertyMap olds, PropertyMap news) =>
        Type.Inputs.Any(p => p.Name == path) && olds[path].IsNull && news[path].IsNull;

    /// <summary>
    /// True when <paramref name="prop"/> cannot be left out of the old object: Check, as for a new object, fails at it once
    /// it is taken out of the old inputs completed by the new ones (it is required, or required for this kind of object;
    /// the old inputs' own values decide the kind, so a cluster that was DEDICATED never "required" a HYBRID field).
    /// </summary>
    private bool Required(PropertyMap oldInputs, PropertyMap news, Prop prop)
    {
        var old = oldInputs.Entries.Aggregate(news, (map, e) => e.Value.IsNull ? map : map.With(e.Key, e.Value));
        var failures = new List<CheckFailure>();
        Check(S(old, "name") ?? "", PropertyMap.Empty, old.Without(prop.Name), failures);
        return failures.Any(f => f.Property == prop.Name);
    }

    /// <summary>Resource-specific rules and computed defaults; called after the generic ones.</summary>
    protected virtual PropertyMap CheckRules(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures) => news;

    /// <summary>
    /// Old inputs against new inputs by the generic rules; <see cref="Prop.ReplaceOnChanges"/> props replace. A property
    /// the program cannot leave out (<see cref="Required"/>) that the old inputs lack is no change: the state can lack it
    /// only because Astro did not report it when the object was read (an import of a lean answer), so the program's value
    /// is the only word on it, and a replacement decided from it would replace a live object for a missing field.
    /// </summary>
    public virtual DiffResult Diff(PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        var diff = Rules.Diff(oldInputs, oldOutputs, news, Type.Props);
        foreach (var prop in Type.Inputs.Where(p => diff.Changed.Contains(p.Name)).ToList())
            if (oldInputs[prop.Name].IsNull && !news[prop.Name].ContainsUnknowns && Required(oldInputs, news, prop)) diff = diff.Without(prop.Name);
        return diff;
    }

    /// <summary>Creates the object; the outputs are built by <see cref="Create"/>.</summary>
    protected abstract Task<LiveState> CreateAsync(Operation op, PropertyMap inputs);

    /// <summary>Reads live state; null when the object is gone. <paramref name="oldInputs"/> is null on import and for a get.</summary>
    protected abstract Task<LiveState?> ReadAsync(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs);

    protected abstract Task<LiveState> UpdateAsync(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news);

    public abstract Task DeleteAsync(Operation op, string id, PropertyMap oldOutputs);

    public async Task<(string Id, PropertyMap Outputs)> Create(Operation op, PropertyMap inputs)
    {
        var live = await CreateAsync(op, inputs).ConfigureAwait(false);
        return (live.Id, Outputs(inputs, live));
    }

    /// <summary>Read for refresh, import (no old inputs) and get (empty old inputs, treated as none).</summary>
    public async Task<ReadResult?> Read(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs)
    {
        if (oldInputs is { Count: 0 }) oldInputs = null;
        var live = await ReadAsync(op, id, oldInputs, oldOutputs).ConfigureAwait(false);
        if (live is null) return null;
        var inputs = Rules.MarkSecrets(Rules.Reconcile(live.Inputs, oldInputs, Type.Props), Type.Props);
        var outputs = Outputs(inputs, live, oldOutputs);
        // Still not ready after a failed create: report it again, so the engine keeps the init error and the next
        // `pulumi up` updates (resumes the wait) instead of doing nothing (pulumi/pulumi pkg/resource/deploy/step.go, RefreshStep).
        if (oldInputs is not null && NotReady(live, oldOutputs ?? PropertyMap.Empty) is { } reason) throw new ResourceInitFailedException(live.Id, outputs, inputs, reason);
        return new ReadResult(live.Id, outputs, inputs);
    }

    /// <summary>
    /// Why the live object is not ready yet: it has not reached its ready status since it was created (the state's
    /// outputs never recorded it), and it still has not. Null when it is ready, or was once.
    /// </summary>
    protected virtual string? NotReady(LiveState live, PropertyMap oldOutputs) => null;

    /// <summary>For <see cref="NotReady"/>: the status output, in the old outputs and live, is not one of <paramref name="ready"/>.</summary>
    protected static string? NeverReady(LiveState live, PropertyMap oldOutputs, Prop status, IReadOnlyCollection<string> ready)
    {
        static string? Of(PropertyMap m, Prop p) => m[p.Name].Unwrapped is { Kind: PropertyKind.String } s ? s.AsString : null;
        var (was, now) = (Of(oldOutputs, status), Of(live.Computed, status));
        return now is not null && !ready.Contains(now) && (was is null || !ready.Contains(was)) ? now : null;
    }

    public async Task<PropertyMap> Update(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        var live = await UpdateAsync(op, id, oldInputs, oldOutputs, news).ConfigureAwait(false);
        return Outputs(news, live, oldOutputs);
    }

    /// <summary>
    /// Preview outputs: the known inputs; for an update (<paramref name="oldOutputs"/> given) the old values of what the
    /// update cannot change (an input the program leaves out, a <see cref="Prop.Stable"/> output); every other computed
    /// output unknown, except a value Check already put in the inputs (a Deploy's contentHash), which is known.
    /// </summary>
    public PropertyMap PreviewOutputs(PropertyMap inputs, PropertyMap? oldOutputs = null)
    {
        var entries = new List<KeyValuePair<string, PropertyValue>>(inputs.Entries);
        foreach (var p in Type.Props.Where(p => !inputs.Has(p.Name)))
        {
            var kept = oldOutputs?[p.Name] ?? PropertyValue.Null;
            if (p.IsInput)
            {
                // Left out: an update keeps what Astro has; a create gets Astro's value only if Astro fills it in.
                if (oldOutputs is not null && p.ServerDefault && !kept.IsNull) entries.Add(new(p.Name, kept));
                else if (oldOutputs is null && p.ServerDefault) entries.Add(new(p.Name, PropertyValue.Unknown));
            }
            else entries.Add(new(p.Name, p.Stable && !kept.IsNull ? kept : PropertyValue.Unknown));
        }
        return Rules.MarkSecrets(new PropertyMap(entries), Type.Props);
    }

    /// <summary>
    /// Outputs: every input property as the program set it (secret marks kept), or, where it left it out, as Astro has
    /// it; then the computed values. A value Astro did not send keeps the last known one in <paramref name="oldOutputs"/>.
    /// Every value of a secret property is secret, at any depth.
    /// </summary>
    protected PropertyMap Outputs(PropertyMap inputs, LiveState live, PropertyMap? oldOutputs = null)
    {
        var liveInputs = Rules.KeepLastKnown(live.Inputs, oldOutputs, Type.Props);
        var computed = Rules.KeepLastKnown(live.Computed, oldOutputs, Type.Props);
        var entries = new List<KeyValuePair<string, PropertyValue>>();
        foreach (var p in Type.Props)
        {
            var value = p.IsInput || p.SetByCheck
                ? inputs.Has(p.Name) ? inputs[p.Name] : liveInputs[p.Name]
                : computed[p.Name];
            if (!value.IsNull) entries.Add(new(p.Name, value));
        }
        return Rules.MarkSecrets(new PropertyMap(entries), Type.Props);
    }

    /// <summary>
    /// POSTs a create so that nothing is ever made twice and nothing foreign is adopted. The objects named like it are
    /// listed first (<paramref name="find"/>); if Astro's answer is lost (<see cref="AstroOutcomeUnknownException"/>) or
    /// the call is cancelled while the POST is in flight, they are listed again, and the create continues with the one
    /// object that did not exist before. None: the error says that running again is safe. Several: the error names them.
    /// The lookup is retried on transient errors within <paramref name="budget"/>; after a cancel it gets a short budget
    /// of its own. <paramref name="what"/> reads like "Deployment 'etl'", <paramref name="where"/> like "in workspace X".
    /// </summary>
    protected static async Task<T> CreateOnce<T>(Operation op, string what, string where, Func<CancellationToken, Task<T>> create,
        Func<CancellationToken, Task<IReadOnlyList<T>>> find, Func<T, string> id, TimeSpan budget)
        where T : class
    {
        var before = (await find(op.Cancellation).ConfigureAwait(false)).Select(id).ToHashSet(StringComparer.Ordinal);
        bool cancelled;
        string why;
        try
        {
            return await create(op.Cancellation).ConfigureAwait(false);
        }
        catch (AstroOutcomeUnknownException e)
        {
            (cancelled, why) = (false, e.Message);
        }
        catch (OperationCanceledException) when (op.Cancellation.IsCancellationRequested)
        {
            (cancelled, why) = (true, "the operation was cancelled while the create was in flight");
        }

        var after = await Lookup(op, what, find, cancelled ? LostAnswerLookupAfterCancel : budget).ConfigureAwait(false);
        var fresh = after?.Where(o => !before.Contains(id(o))).ToList();
        if (fresh is null)
            throw new InputException($"creating {what} failed: {why}, and looking it up afterwards failed too, so whether Astro created it is " +
                $"unknown: look for a new {what} {where} before running again");
        if (fresh.Count > 1)
            throw new InputException($"creating {what} failed: {why}; afterwards {fresh.Count} new objects named like it exist {where} " +
                $"({string.Join(", ", fresh.Select(id))}), so none is adopted: delete the extra ones (or import one) before running again");
        if (fresh.Count == 0)
        {
            if (cancelled) throw new OperationCanceledException($"the create of {what} was cancelled and Astro did not make it; it is safe to run again");
            throw new InputException($"creating {what} failed: {why}; no new {what} exists {where}, so nothing was created and it is safe to run again");
        }
        await op.Warn($"Astro did not answer the create of {what} ({why}), but it made it ({id(fresh[0])}); continuing with it").ConfigureAwait(false);
        return fresh[0];
    }

    /// <summary>How long the lookup after a lost create answer may take once the operation was cancelled.</summary>
    public static readonly TimeSpan LostAnswerLookupAfterCancel = TimeSpan.FromSeconds(20);

    /// <summary>The same-named objects after a lost answer, retried on transient errors until <paramref name="budget"/>; null if it never worked.</summary>
    private static async Task<IReadOnlyList<T>?> Lookup<T>(Operation op, string what, Func<CancellationToken, Task<IReadOnlyList<T>>> find, TimeSpan budget)
    {
        // Its own cancellation: a cancelled operation must still learn whether the object exists (design note).
        using var timeout = new CancellationTokenSource(budget, op.Waiter.Time);
        var started = op.Waiter.Time.GetUtcNow();
        while (true)
        {
            try
            {
                return await find(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AstroException or OperationCanceledException && !timeout.IsCancellationRequested)
            {
                var elapsed = op.Waiter.Time.GetUtcNow() - started;
                if (elapsed >= budget) return null;
                await op.Progress($"looking up {what} after a lost answer: {e.Message}; retrying").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Waiter.NextInterval(elapsed), op.Waiter.Time, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
            catch (OperationCanceledException)
            {
                return null;
            }
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

    // ---- Astro's answers → property values: a null field is one Astro did not send (Unknown, see LiveState) ----

    protected static PropertyValue Str(string? s) => s is null ? PropertyValue.Unknown : PropertyValue.From(s);
    protected static PropertyValue Bool(bool? b) => b is null ? PropertyValue.Unknown : PropertyValue.From(b.Value);
    protected static PropertyValue Num(double? n) => n is null ? PropertyValue.Unknown : PropertyValue.From(n.Value);
    protected static PropertyValue Strs(IEnumerable<string>? items) => items is null ? PropertyValue.Unknown : PropertyValue.From(items.Select(PropertyValue.From));
    /// <summary>A list Astro sent (each element mapped), or Unknown when it sent none.</summary>
    protected static PropertyValue List<T>(IEnumerable<T>? items, Func<T, PropertyValue> map) => items is null ? PropertyValue.Unknown : PropertyValue.From(items.Select(map));
    /// <summary>An object of the given fields; a null field is left out (not set), an Unknown one kept for the rules to resolve.</summary>
    protected static PropertyValue Obj(params (string Key, PropertyValue Value)[] fields) =>
        PropertyValue.From(new PropertyMap(fields.Where(f => !f.Value.IsNull).Select(f => new KeyValuePair<string, PropertyValue>(f.Key, f.Value))));
    /// <summary>A map of the given properties, as <see cref="Obj"/>.</summary>
    protected static PropertyMap Map(params KeyValuePair<string, PropertyValue>[] entries) => new(entries.Where(e => !e.Value.IsNull));
    protected static KeyValuePair<string, PropertyValue> Kv(Prop prop, PropertyValue value) => new(prop.Name, value);
}
