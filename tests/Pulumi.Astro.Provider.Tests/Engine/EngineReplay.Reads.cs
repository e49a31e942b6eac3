using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Rpc.DiffResponse.Types;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>What a planned import (`pulumi import`) produced: the state it wrote and the Check failures it warned about.</summary>
public sealed record ImportResult(ResourceState State, IReadOnlyList<CheckFailure> CheckFailures);

/// <summary>The engine's reads: refresh, the `import` option, `pulumi import`, `Resource.get`, and destroy.</summary>
public sealed partial class EngineReplay
{
    /// <summary>
    /// `pulumi refresh` (step.go RefreshStep): Read(id, old inputs, old outputs) for every resource. The state's
    /// inputs AND outputs become Read's; an empty id removes the resource; a partial failure (ErrorResourceInitFailed)
    /// does not fail the refresh but keeps the resource with its init errors, and a clean Read clears them.
    /// </summary>
    public async Task<UpResult> RefreshAsync()
    {
        var run = new Run(preview: false);
        var refreshed = new List<ResourceState>();
        foreach (var old in State.Resources)
        {
            var live = await EnsureProviderAsync(run, old.Provider);
            var (read, initErrors) = await ReadAsync(run, live, old.Type, old.Urn, old.Name, old.Id, old.Inputs, old.Outputs);
            if (read.Id.Length == 0)
            {
                run.Steps.Add(new Step(StepOp.ReadGone, old.Urn));
                continue;
            }
            var state = old with { Id = read.Id, Inputs = read.Inputs ?? old.Inputs, Outputs = read.Properties ?? new Struct(), InitErrors = initErrors };
            refreshed.Add(state);
            run.Steps.Add(new Step(StepOp.Refresh, old.Urn, Outputs: state.Outputs));
        }
        State = State with { Resources = refreshed };
        return new UpResult(false, run.Steps);
    }

    /// <summary>
    /// The `import` resource option. step.go ImportStep reads the object with no inputs and no state; the imported state
    /// is then the old state of an ordinary registration (step_generator.go continueStepsFromImport): ignoreChanges,
    /// Check(olds = the read inputs, news = the program), Diff. Engines before pulumi/pulumi#19339 (step.go) failed the
    /// import unless that diff was empty ("inputs to import do not match the existing resource"); newer ones follow
    /// with an update and refuse a replacement. The replay keeps the strict rule (<see cref="ImportRule.Strict"/>), which
    /// a provider must meet for both, unless the stack asks for the newer one (<see cref="Imports"/>).
    /// </summary>
    private async Task ImportOptionAsync(Run run, Live live, Declaration declaration, string urn, string importId, ResourceState? old)
    {
        var imported = await ReadForImportAsync(run, live, declaration.Type, urn, declaration.Name, importId);
        var inputs = IgnoreChanges(declaration.Inputs, imported.Inputs, declaration.Options.IgnoreChanges);
        var checkedInputs = await CheckAsync(run, live, urn, declaration, imported.Inputs, inputs);
        var diff = await DiffAsync(run, live, imported, declaration, checkedInputs);
        if (diff.Changes != DiffChanges.DiffNone && (Imports == ImportRule.Strict || IsReplace(diff)))
            throw Failed(run, (IsReplace(diff) ? "previously-imported resources that still specify an ID may not be replaced; " : "") +
                $"inputs to import do not match the existing resource: [{string.Join(", ", diff.Diffs)}]" +
                (IsReplace(diff) ? $"; replaces [{string.Join(", ", diff.Replaces)}]" : ""));
        run.Steps.Add(new Step(StepOp.Import, urn, diff, imported.Outputs));
        if (old is not null) run.Condemned.Add(old);
        // pulumi/pulumi#19339 (v3.174.0): the imported state is the old state of an ordinary registration, so a diff
        // that does not replace becomes an update in the same deployment (step_generator.go continueStepsFromImport).
        if (diff.Changes != DiffChanges.DiffNone) await UpdateAsync(run, live, imported, declaration, checkedInputs, diff);
        else run.News.Add(imported with { Inputs = checkedInputs });
    }

    /// <summary>
    /// `pulumi import TYPE NAME ID` (pkg/resource/deploy/import.go, step.go ImportStep planned): Read with no inputs,
    /// then Check(olds = news = the read inputs), which is the program `pulumi import` generates. Check failures are
    /// warnings there ("almost certainly a bug in the provider"); they are returned. The resource joins the state.
    /// </summary>
    public async Task<ImportResult> ImportAsync(StackProgram program, string type, string name, string id)
    {
        var run = new Run(preview: false);
        var live = await RegisterProviderAsync(run, program, null);
        var urn = UrnOf(type, name);
        if (State.Find(name) is not null) throw Failed(run, $"resource '{urn}' already exists");
        var imported = await ReadForImportAsync(run, live, type, urn, name, id);
        var check = await Call(run, urn, "Check", () => live.Plugin.Client.CheckAsync(new CheckRequest
        {
            Urn = urn, Name = name, Type = type, Olds = imported.Inputs, News = imported.Inputs,
        }, deadline: Deadline).ResponseAsync);
        run.Steps.Add(new Step(StepOp.Import, urn, Outputs: imported.Outputs));
        run.News.AddRange(State.Resources.Where(r => r.Urn != urn));
        run.News.Add(imported);
        State = State with { Providers = State.Providers.Where(p => p.Urn != live.State.Urn).Append(live.State).ToList(), Resources = run.News.ToList() };
        return new ImportResult(imported, check.Failures.ToList());
    }

    /// <summary>
    /// `Resource.get` (step.go ReadStep): Read(id) where both inputs and state are the properties the program passed
    /// (usually none). A missing object fails ("resource does not exist"). Returns the read outputs and inputs.
    /// </summary>
    public async Task<ReadResponse> GetAsync(StackProgram program, string type, string name, string id, Struct? properties = null)
    {
        var run = new Run(preview: false);
        var live = await RegisterProviderAsync(run, program, null);
        var urn = UrnOf(type, name);
        var (read, _) = await ReadAsync(run, live, type, urn, name, id, properties ?? new Struct(), properties ?? new Struct());
        if (read.Properties is null) throw Failed(run, $"resource '{id}' does not exist");
        return read;
    }

    /// <summary>`pulumi destroy`: Delete every resource in reverse order, each through its own provider.</summary>
    public async Task<UpResult> DestroyAsync()
    {
        var run = new Run(preview: false);
        try
        {
            foreach (var old in State.Resources.Reverse())
            {
                await DeleteResourceAsync(run, old);
                run.Steps.Add(new Step(StepOp.Delete, old.Urn));
            }
        }
        finally
        {
            Persist(run);
        }
        return new UpResult(false, run.Steps);
    }

    /// <summary>step.go ImportStep: Read(id) with no inputs and empty state; no object, or no inputs, fails the import.</summary>
    private async Task<ResourceState> ReadForImportAsync(Run run, Live live, string type, string urn, string name, string id)
    {
        var (read, initErrors) = await ReadAsync(run, live, type, urn, name, id, inputs: null, new Struct());
        if (read.Id.Length == 0 && read.Properties is null) throw Failed(run, $"resource '{id}' does not exist");
        if (read.Inputs is null) throw Failed(run, "provider does not support importing resources; please try updating the 'astro' plugin");
        return new ResourceState(urn, type, name, read.Id.Length > 0 ? read.Id : id, read.Inputs, read.Properties ?? new Struct(), initErrors, live.State.Ref);
    }

    /// <summary>Read, with a partial failure turned into its id, properties, inputs and init errors (provider_plugin.go Read, parseError).</summary>
    private static async Task<(ReadResponse Read, IReadOnlyList<string> InitErrors)> ReadAsync(Run run, Live live, string type, string urn, string name, string id, Struct? inputs, Struct state)
    {
        try
        {
            var request = new ReadRequest { Id = id, Urn = urn, Name = name, Type = type, Properties = state };
            if (inputs is not null) request.Inputs = inputs;
            return (await live.Plugin.Client.ReadAsync(request, deadline: Deadline), []);
        }
        catch (RpcException e) when (PartialState.From(e) is { } partial)
        {
            return (new ReadResponse { Id = partial.Id, Properties = partial.Properties, Inputs = partial.Inputs }, partial.Reasons.ToList());
        }
        catch (RpcException e)
        {
            throw Failed(run, $"reading {urn} ({id}) failed: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }
}
