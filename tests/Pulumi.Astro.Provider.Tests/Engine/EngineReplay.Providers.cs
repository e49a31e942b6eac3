using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Rpc.DiffResponse.Types;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>Provider resources (pkg/resource/deploy/providers/registry.go): registration, configuration, loading.</summary>
public sealed partial class EngineReplay
{
    /// <summary>
    /// The provider resource a registration uses, registered once per deployment: CheckConfig, then DiffConfig against
    /// the old provider state, then Create, Update (Configure with the new inputs), Same (Configure with the OLD inputs,
    /// step.go SameStep) or a replacement (a new provider instance and plugin; every resource of the old one then
    /// goes through providerChanged).
    /// </summary>
    private async Task<Live> RegisterProviderAsync(Run run, StackProgram program, string? name)
    {
        var urn = ProviderUrn(name);
        if (run.Registered.TryGetValue(urn, out var registered)) return registered;
        var news = name is null ? program.Config : program.Providers.TryGetValue(name, out var explicitInputs) ? explicitInputs
            : throw new ArgumentException($"the program declares no provider '{name}'");
        var old = State.Providers.FirstOrDefault(p => p.Urn == urn);
        var rented = old is null || !_plugins.ContainsKey(old.Ref);
        var plugin = rented ? await pool.RentAsync() : _plugins[old!.Ref];

        // registry.go Check: CheckConfig with the old and new config; failures stop the deployment.
        var check = await plugin.Client.CheckConfigAsync(new CheckRequest
        {
            Urn = urn, Name = name ?? "default", Type = ProviderType, Olds = old?.Inputs ?? new Struct(), News = news,
        }, deadline: Deadline);
        if (check.Failures.Count > 0)
        {
            if (rented) pool.Return(plugin);
            throw Failed(run, $"provider {urn} is invalid: {string.Join("; ", check.Failures.Select(f => $"{f.Property}: {f.Reason}"))}");
        }
        var inputs = check.Inputs ?? news;

        Live live;
        if (old is null)
        {
            live = await NewProviderAsync(run, urn, inputs, plugin);
            run.Steps.Add(new Step(StepOp.Create, urn, Outputs: inputs));
        }
        else
        {
            var diff = await plugin.Client.DiffConfigAsync(new DiffRequest
            {
                Urn = urn, Id = old.Id, Name = name ?? "default", Type = ProviderType, OldInputs = old.Inputs, Olds = old.Outputs, News = inputs,
            }, deadline: Deadline);
            // registry.go Diff: DIFF_UNKNOWN becomes DiffNone when the old outputs equal the new inputs, DiffSome otherwise;
            // it never becomes a replacement.
            var changes = diff.Changes == DiffChanges.DiffUnknown
                ? old.Outputs.Equals(inputs) ? DiffChanges.DiffNone : DiffChanges.DiffSome
                : diff.Changes;
            if (changes == DiffChanges.DiffSome && IsReplace(diff))
            {
                live = await NewProviderAsync(run, urn, inputs, await pool.RentAsync());
                run.Steps.Add(new Step(StepOp.CreateReplacement, urn, diff, inputs));
            }
            else if (changes == DiffChanges.DiffSome)
            {
                live = new Live(old with { Inputs = inputs, Outputs = inputs }, plugin, await ConfigureAsync(plugin, urn, old.Id, inputs));
                run.Steps.Add(new Step(StepOp.Update, urn, diff, inputs));
            }
            else
            {
                live = new Live(old with { Inputs = inputs }, plugin, await ConfigureAsync(plugin, urn, old.Id, old.Inputs));
                run.Steps.Add(new Step(StepOp.Same, urn, diff, old.Outputs));
            }
        }
        run.Registered[urn] = live;
        return live;
    }

    /// <summary>registry.go Create: configure the plugin, give the provider a new id (unknown in a preview); outputs are the inputs.</summary>
    private async Task<Live> NewProviderAsync(Run run, string urn, Struct inputs, PluginProcess plugin)
    {
        var id = run.Preview ? Marshal.UnknownSentinel : Guid.NewGuid().ToString();
        var live = new Live(new ProviderState(urn, id, inputs, inputs), plugin, await ConfigureAsync(plugin, urn, id, inputs));
        if (run.Preview)
        {
            if (!_plugins.ContainsValue(plugin)) run.Temporary.Add(plugin);
        }
        else _plugins[live.State.Ref] = plugin;
        return live;
    }

    /// <summary>
    /// provider_plugin.go Configure: with any unknown value the plugin is not configured at all (and later calls are
    /// answered by the engine); otherwise args plus the deprecated variables map, <c>astro:config:&lt;key&gt;</c>.
    /// </summary>
    private static async Task<bool> ConfigureAsync(PluginProcess plugin, string urn, string id, Struct inputs)
    {
        var args = inputs.Clone();
        args.Fields.Remove("version");
        if (Wire.ContainsUnknowns(args)) return false;
        var request = new ConfigureRequest
        {
            Args = args, AcceptSecrets = true, AcceptResources = true, SendsOldInputs = true, SendsOldInputsToDelete = true,
            Urn = urn, Id = id, Name = urn[(urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..], Type = ProviderType,
        };
        foreach (var (key, value) in args.Fields)
        {
            var plain = Wire.Unwrap(value);
            request.Variables[$"astro:config:{key}"] = plain.KindCase == Value.KindOneofCase.StringValue ? plain.StringValue : JsonFormatter.Default.Format(plain);
        }
        await plugin.Client.ConfigureAsync(request, deadline: Deadline);
        return true;
    }

    /// <summary>The provider of an old resource, configured from its state (Deployment.EnsureProvider, registry.go Same).</summary>
    private async Task<Live> EnsureProviderAsync(Run run, string reference)
    {
        if (run.Registered.Values.FirstOrDefault(l => l.State.Ref == reference) is { } registered) return registered;
        if (run.Loaded.TryGetValue(reference, out var loaded)) return loaded;
        var state = State.Providers.First(p => p.Ref == reference);
        var plugin = _plugins[reference];
        loaded = new Live(state, plugin, await ConfigureAsync(plugin, state.Urn, state.Id, state.Inputs));
        run.Loaded[reference] = loaded;
        return loaded;
    }
}
