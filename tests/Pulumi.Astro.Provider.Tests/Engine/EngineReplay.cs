using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Rpc.DiffResponse.Types;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// A small replay of the Pulumi engine's step logic, driving the real plugin process the way pulumi/pulumi does.
/// It follows, and cites, pkg/resource/deploy/step_generator.go (which step a registration becomes),
/// pkg/resource/deploy/step.go (what each step sends and keeps), pkg/resource/deploy/providers/registry.go (provider
/// configuration and its diff) and pkg/resource/plugin/provider_plugin.go (what goes over gRPC). It is one stack:
/// <see cref="UpAsync"/>, <see cref="RefreshAsync"/>, <see cref="DestroyAsync"/> and the imports change
/// <see cref="State"/> as the engine changes the checkpoint. Not modelled: dependencies between resources (the program
/// order is the dependency order), parallel steps, targets, aliases, protect and nested ignoreChanges paths.
/// </summary>
public sealed partial class EngineReplay(PluginPool pool, string stack = "dev", string project = "proj") : IAsyncDisposable
{
    public const string ProviderType = "pulumi:providers:astro";

    /// <summary>Plugins of the provider instances in the state, by provider reference (urn::id).</summary>
    private readonly Dictionary<string, PluginProcess> _plugins = new(StringComparer.Ordinal);

    public StackState State { get; private set; } = StackState.Empty;

    /// <summary>What the `import` resource option does with a diff: fail (engines before v3.174.0) or update (newer ones).</summary>
    public ImportRule Imports { get; init; } = ImportRule.Strict;

    public string UrnOf(string type, string name) => $"urn:pulumi:{stack}::{project}::{type}::{name}";

    public string ProviderUrn(string? name) => UrnOf(ProviderType, name ?? "default");

    /// <summary>The plugin process that serves a resource of the state (its provider's).</summary>
    public PluginProcess PluginOf(string name) => _plugins[State[name].Provider];

    /// <summary>A provider instance during one deployment: its state, its plugin, and whether its config was known (and so sent).</summary>
    private sealed record Live(ProviderState State, PluginProcess Plugin, bool ConfigKnown);

    /// <summary>One deployment in progress.</summary>
    private sealed class Run(bool preview)
    {
        public bool Preview { get; } = preview;
        public List<Step> Steps { get; } = [];
        /// <summary>Providers registered by the program in this deployment, by URN.</summary>
        public Dictionary<string, Live> Registered { get; } = new(StringComparer.Ordinal);
        /// <summary>Old providers loaded to delete or refresh their resources (Deployment.EnsureProvider), by reference.</summary>
        public Dictionary<string, Live> Loaded { get; } = new(StringComparer.Ordinal);
        /// <summary>New states, in program order.</summary>
        public List<ResourceState> News { get; } = [];
        /// <summary>Old resources replaced create-before-delete: deleted once every create and update is done.</summary>
        public HashSet<ResourceState> Condemned { get; } = new(ReferenceEqualityComparer.Instance);
        /// <summary>Old resources deleted in this deployment.</summary>
        public HashSet<ResourceState> Gone { get; } = new(ReferenceEqualityComparer.Instance);
        /// <summary>Plugins rented for a preview's provider replacement, returned when it ends.</summary>
        public List<PluginProcess> Temporary { get; } = [];
    }

    private static DateTime Deadline => DateTime.UtcNow.AddMinutes(3);

    // ---------------- pulumi up / preview ----------------

    /// <summary>
    /// `pulumi up` (or `pulumi preview` with <paramref name="preview"/>): every declaration in program order becomes a
    /// Same, Create, Update or Replace step; then replaced and undeclared resources are deleted, in reverse order. A
    /// preview sends preview: true to Create and Update, deletes nothing and keeps the state as it was.
    /// </summary>
    public async Task<UpResult> UpAsync(StackProgram program, bool preview = false)
    {
        var run = new Run(preview);
        try
        {
            foreach (var declaration in program.Resources)
            {
                var live = await RegisterProviderAsync(run, program, declaration.Options.Provider);
                await RegisterResourceAsync(run, live, declaration);
            }
            if (!preview)
            {
                // step_generator.go GenerateDeletes: what the program no longer declares, what a replacement condemned,
                // and what an earlier deployment left pending delete, in reverse dependency order.
                var declared = program.Resources.Select(d => UrnOf(d.Type, d.Name)).ToHashSet(StringComparer.Ordinal);
                foreach (var old in State.Resources.Reverse())
                {
                    var replaced = run.Condemned.Contains(old) || old.Delete;
                    if (!replaced && declared.Contains(old.Urn)) continue;
                    await DeleteResourceAsync(run, old);
                    run.Steps.Add(new Step(replaced ? StepOp.DeleteReplaced : StepOp.Delete, old.Urn));
                }
                Persist(run);
            }
            return new UpResult(preview, run.Steps);
        }
        catch (DeploymentFailedException)
        {
            if (!preview) Persist(run);
            throw;
        }
        finally
        {
            foreach (var plugin in run.Temporary) pool.Return(plugin);
        }
    }

    /// <summary>
    /// One registration (step_generator.go continueStepsFromImport, generateStepsFromDiff, continueStepsFromDiff).
    /// </summary>
    private async Task RegisterResourceAsync(Run run, Live live, Declaration declaration)
    {
        var urn = UrnOf(declaration.Type, declaration.Name);
        var old = State.Resources.FirstOrDefault(r => r.Urn == urn && !r.Delete);
        // An `import` option whose id is not the one in the state is an import (continueStepsFromRefresh: isImport).
        if (declaration.Options.Import is { } importId && old?.Id != importId)
        {
            await ImportOptionAsync(run, live, declaration, urn, importId, old);
            return;
        }

        // ignoreChanges copies the old inputs into the new ones BEFORE Check (processIgnoreChanges).
        var inputs = old is null ? declaration.Inputs.Clone() : IgnoreChanges(declaration.Inputs, old.Inputs, declaration.Options.IgnoreChanges);
        var checkedInputs = await CheckAsync(run, live, urn, declaration, old?.Inputs, inputs);
        if (old is null)
        {
            await CreateAsync(run, live, declaration, urn, checkedInputs, StepOp.Create, diff: null, deleteBeforeReplace: false);
            return;
        }

        var diff = ApplyReplaceOnChanges(await DiffAsync(run, live, old, declaration, checkedInputs), declaration.Options.ReplaceOnChanges);
        if (diff.Changes == DiffChanges.DiffSome && IsReplace(diff))
        {
            await ReplaceAsync(run, live, old, declaration, urn, diff);
            return;
        }
        // "If resource was unchanged, but there were initialization errors, generate an empty update step to attempt
        // to 'continue' awaiting initialization" (continueStepsFromDiff).
        if (diff.Changes == DiffChanges.DiffSome || old.InitErrors.Count > 0)
        {
            await UpdateAsync(run, live, old, declaration, checkedInputs, diff);
            return;
        }
        // step.go SameStep: the id and outputs are kept, the inputs are the new checked ones.
        run.News.Add(old with { Inputs = checkedInputs, Provider = live.State.Ref });
        run.Steps.Add(new Step(StepOp.Same, urn, diff, old.Outputs));
    }

    /// <summary>
    /// A replacement (continueStepsFromDiff): Check again on the program's inputs alone ("recompute the default values"),
    /// then delete-before-create when the Diff answer (or the deleteBeforeReplace option) asks for it, otherwise
    /// create now and delete the old resource after every create and update.
    /// </summary>
    private async Task ReplaceAsync(Run run, Live live, ResourceState old, Declaration declaration, string urn, DiffResponse diff)
    {
        var fresh = await CheckAsync(run, live, urn, declaration, olds: null, declaration.Inputs.Clone());
        var deleteFirst = declaration.Options.DeleteBeforeReplace ?? diff.DeleteBeforeReplace;
        if (deleteFirst)
        {
            if (!run.Preview) await DeleteResourceAsync(run, old);
            run.Steps.Add(new Step(StepOp.DeleteReplaced, urn, diff, DeleteBeforeReplace: true));
            await CreateAsync(run, live, declaration, urn, fresh, StepOp.CreateReplacement, diff, deleteBeforeReplace: true);
            return;
        }
        try
        {
            await CreateAsync(run, live, declaration, urn, fresh, StepOp.CreateReplacement, diff, deleteBeforeReplace: false);
        }
        catch (DeploymentFailedException) when (run.News.Any(n => n.Urn == urn))
        {
            // step.go CreateStep: a replacement that exists, even partially, marks the old resource pending delete.
            run.Condemned.Add(old);
            throw;
        }
        run.Condemned.Add(old);
    }

    // ---------------- the resource calls (provider_plugin.go) ----------------

    /// <summary>Check; with unknown provider config the engine answers itself with the news (provider_plugin.go Check).</summary>
    private async Task<Struct> CheckAsync(Run run, Live live, string urn, Declaration declaration, Struct? olds, Struct news)
    {
        if (!live.ConfigKnown) return news;
        var check = await Call(run, urn, "Check", () => live.Plugin.Client.CheckAsync(new CheckRequest
        {
            Urn = urn, Name = declaration.Name, Type = declaration.Type, Olds = olds ?? new Struct(), News = news,
            RandomSeed = ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }, deadline: Deadline).ResponseAsync);
        if (check.Failures.Count > 0)
            throw Failed(run, $"resource {urn} is invalid: {string.Join("; ", check.Failures.Select(f => $"{f.Property}: {f.Reason}"))}");
        return check.Inputs ?? new Struct();
    }

    /// <summary>
    /// Diff (step_generator.go diff, providerChanged, diffResource): a changed provider reference replaces the resource
    /// when the new provider's DiffConfig says so; unknown provider config makes the diff unavailable (an update); a
    /// DIFF_UNKNOWN answer is decided by the engine from the inputs.
    /// </summary>
    private async Task<DiffResponse> DiffAsync(Run run, Live live, ResourceState old, Declaration declaration, Struct news)
    {
        if (old.Provider != live.State.Ref && State.Providers.FirstOrDefault(p => p.Ref == old.Provider) is { } oldProvider)
        {
            var config = await live.Plugin.Client.DiffConfigAsync(new DiffRequest
            {
                Urn = live.State.Urn, Type = ProviderType, OldInputs = oldProvider.Inputs, Olds = oldProvider.Outputs, News = live.State.Inputs,
            }, deadline: Deadline);
            if (IsReplace(config)) return new DiffResponse { Changes = DiffChanges.DiffSome, Replaces = { "provider" } };
        }
        if (!live.ConfigKnown) return new DiffResponse { Changes = DiffChanges.DiffSome };
        var request = new DiffRequest
        {
            Id = old.Id, Urn = old.Urn, Name = declaration.Name, Type = declaration.Type, OldInputs = old.Inputs, Olds = old.Outputs, News = news,
        };
        request.IgnoreChanges.AddRange(declaration.Options.IgnoreChanges);
        var diff = await Call(run, old.Urn, "Diff", () => live.Plugin.Client.DiffAsync(request, deadline: Deadline).ResponseAsync);
        if (diff.Changes != DiffChanges.DiffUnknown) return diff;
        var compared = Wire.Unwrap(IgnoreChanges(news, old.Inputs, declaration.Options.IgnoreChanges));
        return new DiffResponse(diff) { Changes = Wire.Unwrap(old.Inputs).Equals(compared) ? DiffChanges.DiffNone : DiffChanges.DiffSome };
    }

    private async Task CreateAsync(Run run, Live live, Declaration declaration, string urn, Struct inputs, StepOp op, DiffResponse? diff, bool deleteBeforeReplace)
    {
        // provider_plugin.go Create: a preview under unknown provider config is answered with no outputs.
        if (run.Preview && !live.ConfigKnown)
        {
            run.Steps.Add(new Step(op, urn, diff, new Struct(), deleteBeforeReplace));
            return;
        }
        try
        {
            var created = await live.Plugin.Client.CreateAsync(new CreateRequest
            {
                Urn = urn, Name = declaration.Name, Type = declaration.Type, Properties = inputs, Timeout = declaration.Options.CreateTimeout, Preview = run.Preview,
            }, deadline: Deadline);
            if (!run.Preview && created.Id.Length == 0) throw Failed(run, $"plugin returned empty resource.ID from create '{urn}'");
            run.Steps.Add(new Step(op, urn, diff, created.Properties, deleteBeforeReplace));
            run.News.Add(new ResourceState(urn, declaration.Type, declaration.Name, created.Id, inputs, created.Properties ?? new Struct(), [], live.State.Ref));
        }
        catch (RpcException e)
        {
            // step.go CreateStep: a partial failure keeps the resource in the state, with its init errors.
            if (!run.Preview && PartialState.From(e) is { } partial)
                run.News.Add(new ResourceState(urn, declaration.Type, declaration.Name, partial.Id, inputs, partial.Properties ?? new Struct(), [.. partial.Reasons], live.State.Ref));
            throw Failed(run, $"creating {urn} failed: {e.Status.Detail}", e);
        }
    }

    private async Task UpdateAsync(Run run, Live live, ResourceState old, Declaration declaration, Struct inputs, DiffResponse diff)
    {
        if (run.Preview && !live.ConfigKnown)
        {
            run.Steps.Add(new Step(StepOp.Update, old.Urn, diff, new Struct()));
            return;
        }
        var request = new UpdateRequest
        {
            Id = old.Id, Urn = old.Urn, Name = declaration.Name, Type = declaration.Type, Olds = old.Outputs, OldInputs = old.Inputs, News = inputs,
            Timeout = declaration.Options.UpdateTimeout, Preview = run.Preview,
        };
        request.IgnoreChanges.AddRange(declaration.Options.IgnoreChanges);
        try
        {
            var updated = await live.Plugin.Client.UpdateAsync(request, deadline: Deadline);
            run.Steps.Add(new Step(StepOp.Update, old.Urn, diff, updated.Properties));
            run.News.Add(old with { Inputs = inputs, Outputs = updated.Properties ?? new Struct(), InitErrors = [], Provider = live.State.Ref });
        }
        catch (RpcException e)
        {
            // step.go UpdateStep: a partial failure keeps the id and the outputs it carries, with the init errors.
            if (!run.Preview && PartialState.From(e) is { } partial)
                run.News.Add(old with { Inputs = inputs, Outputs = partial.Properties ?? old.Outputs, InitErrors = [.. partial.Reasons], Provider = live.State.Ref });
            throw Failed(run, $"updating {old.Urn} failed: {e.Status.Detail}", e);
        }
    }

    /// <summary>step.go DeleteStep: Delete with the old outputs and inputs, through the resource's own (old) provider.</summary>
    private async Task DeleteResourceAsync(Run run, ResourceState old)
    {
        var live = await EnsureProviderAsync(run, old.Provider);
        await Call(run, old.Urn, "Delete", () => live.Plugin.Client.DeleteAsync(new DeleteRequest
        {
            Id = old.Id, Urn = old.Urn, Name = old.Name, Type = old.Type, Properties = old.Outputs, OldInputs = old.Inputs,
        }, deadline: Deadline).ResponseAsync);
        run.Gone.Add(old);
    }

    private static async Task<T> Call<T>(Run run, string urn, string method, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            throw Failed(run, $"{method} of {urn} failed: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }

    // ---------------- the checkpoint ----------------

    /// <summary>
    /// Writes the checkpoint after a deployment, complete or stopped: the new states, then every old resource the
    /// deployment did not reach (kept as it was), replaced ones still to delete (marked Delete), minus what it deleted.
    /// Providers no resource uses any more are deleted (their plugins go back to the pool).
    /// </summary>
    private void Persist(Run run)
    {
        var resources = new List<ResourceState>(run.News);
        var newUrns = run.News.Select(r => r.Urn).ToHashSet(StringComparer.Ordinal);
        foreach (var old in State.Resources)
        {
            if (run.Gone.Contains(old)) continue;
            if (run.Condemned.Contains(old) || old.Delete) resources.Add(old with { Delete = true });
            else if (!newUrns.Contains(old.Urn)) resources.Add(old);
        }
        var providers = run.Registered.Values.Select(l => l.State).ToList();
        providers.AddRange(State.Providers.Where(p => providers.All(n => n.Ref != p.Ref) && resources.Any(r => r.Provider == p.Ref)));
        foreach (var gone in State.Providers.Where(p => providers.All(n => n.Ref != p.Ref)))
        {
            run.Steps.Add(new Step(StepOp.Delete, gone.Urn));
            if (_plugins.Remove(gone.Ref, out var plugin) && !_plugins.ContainsValue(plugin)) pool.Return(plugin);
        }
        State = new StackState(providers, resources);
    }

    private static DeploymentFailedException Failed(Run run, string message, Exception? inner = null) => new(message, run.Steps.ToList(), inner);

    // ---------------- rules shared by the steps ----------------

    /// <summary>
    /// processIgnoreChanges (step_generator.go): each named input takes its old value, or is removed when the old
    /// inputs lack it (resource.PropertyPath.Reset). Only top-level names are supported here.
    /// </summary>
    public static Struct IgnoreChanges(Struct news, Struct olds, IReadOnlyList<string> names)
    {
        var result = news.Clone();
        foreach (var name in names)
        {
            if (name.IndexOfAny(['.', '[']) >= 0) throw new NotSupportedException($"the replay supports top-level ignoreChanges only, not '{name}'");
            if (olds.Fields.TryGetValue(name, out var old)) result.Fields[name] = old.Clone();
            else result.Fields.Remove(name);
        }
        return result;
    }

    /// <summary>applyReplaceOnChanges (step_generator.go): a changed input named by replaceOnChanges replaces.</summary>
    private static DiffResponse ApplyReplaceOnChanges(DiffResponse diff, IReadOnlyList<string> names)
    {
        if (diff.Changes != DiffChanges.DiffSome || names.Count == 0) return diff;
        var result = new DiffResponse(diff);
        foreach (var key in diff.Diffs.Where(names.Contains).Where(k => !result.Replaces.Contains(k))) result.Replaces.Add(key);
        foreach (var (path, change) in diff.DetailedDiff)
        {
            if (!names.Contains(path.Split('.', '[')[0])) continue;
            result.DetailedDiff[path] = new PropertyDiff(change) { Kind = change.Kind switch
            {
                PropertyDiff.Types.Kind.Add => PropertyDiff.Types.Kind.AddReplace,
                PropertyDiff.Types.Kind.Delete => PropertyDiff.Types.Kind.DeleteReplace,
                PropertyDiff.Types.Kind.Update => PropertyDiff.Types.Kind.UpdateReplace,
                var k => k,
            } };
        }
        return result;
    }

    /// <summary>plugin.DiffResult.Replace (pkg/resource/plugin/provider.go): a replace key, or a replacing detailed diff.</summary>
    public static bool IsReplace(DiffResponse diff) =>
        diff.Replaces.Count > 0 || diff.DetailedDiff.Values.Any(d => d.Kind is PropertyDiff.Types.Kind.AddReplace or PropertyDiff.Types.Kind.DeleteReplace or PropertyDiff.Types.Kind.UpdateReplace);

    public ValueTask DisposeAsync()
    {
        foreach (var plugin in _plugins.Values.Distinct()) pool.Return(plugin);
        _plugins.Clear();
        return ValueTask.CompletedTask;
    }
}
