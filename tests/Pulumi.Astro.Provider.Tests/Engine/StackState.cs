using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// The resource options that change what the engine's step generator does with a registration
/// (pkg/resource/deploy/step_generator.go in pulumi/pulumi): the subset the replay honours.
/// </summary>
public sealed record Options
{
    /// <summary>Top-level input names whose old value is copied into the new inputs before Check (processIgnoreChanges).</summary>
    public IReadOnlyList<string> IgnoreChanges { get; init; } = [];

    /// <summary>Top-level input names whose change replaces, whatever Diff said (applyReplaceOnChanges).</summary>
    public IReadOnlyList<string> ReplaceOnChanges { get; init; } = [];

    /// <summary>Overrides the Diff answer's deleteBeforeReplace when set (goal.DeleteBeforeReplace).</summary>
    public bool? DeleteBeforeReplace { get; init; }

    /// <summary>The `import` resource option: the id of an existing object to adopt.</summary>
    public string? Import { get; init; }

    /// <summary>The name of an explicit provider declared in the program; null uses the default provider.</summary>
    public string? Provider { get; init; }

    /// <summary>customTimeouts.create and .update in seconds (0: not set), sent as the requests' timeout.</summary>
    public double CreateTimeout { get; init; }
    public double UpdateTimeout { get; init; }

    public static Options None { get; } = new();
}

/// <summary>
/// What the engine does when the `import` resource option's Check and Diff show a difference
/// (pkg/resource/deploy/step_generator.go continueStepsFromImport in pulumi/pulumi).
/// </summary>
public enum ImportRule
{
    /// <summary>Engines before v3.174.0: "inputs to import do not match the existing resource" fails the import.</summary>
    Strict,

    /// <summary>v3.174.0 and later (pulumi/pulumi#19339): the import is followed by an update; a replacement is refused.</summary>
    ThenUpdate,
}

/// <summary>One resource registration of a program, in program order.</summary>
public sealed record Declaration(string Type, string Name, Struct Inputs, Options Options);

/// <summary>
/// What a Pulumi program registers: the default provider's configuration (the stack's <c>astro:*</c> config, as
/// strings), explicit providers by name, and custom resources in program order.
/// </summary>
public sealed class StackProgram
{
    public Struct Config { get; init; } = new();
    public Dictionary<string, Struct> Providers { get; init; } = [];
    public List<Declaration> Resources { get; init; } = [];

    public StackProgram Add(string type, string name, Struct inputs, Options? options = null)
    {
        Resources.Add(new Declaration(type, name, inputs.Clone(), options ?? Options.None));
        return this;
    }

    public StackProgram WithProvider(string name, Struct inputs)
    {
        Providers[name] = inputs.Clone();
        return this;
    }

    /// <summary>The same program with other default-provider config.</summary>
    public StackProgram WithConfig(Struct config) => new() { Config = config.Clone(), Providers = new(Providers), Resources = [.. Resources] };

    /// <summary>The same program with one declaration changed.</summary>
    public StackProgram With(string name, Func<Declaration, Declaration> change) => new()
    {
        Config = Config, Providers = new(Providers), Resources = Resources.Select(d => d.Name == name ? change(d) : d).ToList(),
    };
}

/// <summary>A provider resource in the state: its inputs, and outputs equal to its filtered inputs (providers/registry.go Create).</summary>
public sealed record ProviderState(string Urn, string Id, Struct Inputs, Struct Outputs)
{
    /// <summary>The provider reference a resource's state carries: <c>urn::id</c> (sdk/go/common/resource/providers/reference.go).</summary>
    public string Ref => $"{Urn}::{Id}";
}

/// <summary>
/// A custom resource in the state, as pkg/resource/state.go keeps it: id, inputs, outputs, the init errors of a
/// partial failure, and the provider reference. <see cref="Delete"/> marks an old resource whose create-before-delete
/// replacement succeeded but whose own delete has not happened yet.
/// </summary>
public sealed record ResourceState(string Urn, string Type, string Name, string Id, Struct Inputs, Struct Outputs,
    IReadOnlyList<string> InitErrors, string Provider)
{
    public bool Delete { get; init; }
}

/// <summary>A stack's checkpoint: providers and resources in dependency (here: program) order.</summary>
public sealed record StackState(IReadOnlyList<ProviderState> Providers, IReadOnlyList<ResourceState> Resources)
{
    public static StackState Empty { get; } = new([], []);

    public ResourceState? Find(string name) => Resources.FirstOrDefault(r => r.Name == name && !r.Delete);

    public ResourceState this[string name] => Find(name) ?? throw new KeyNotFoundException($"no resource '{name}' in the state (it has {string.Join(", ", Resources.Select(r => r.Name))})");
}

/// <summary>The operations the replay performs, named as the engine's display names them (pkg/resource/deploy/step.go).</summary>
public enum StepOp { Same, Create, Update, CreateReplacement, DeleteReplaced, Delete, Import, Refresh, ReadGone }

/// <summary>One step: what was done to which URN, the Diff answer that decided it, and the outputs it produced.</summary>
public sealed record Step(StepOp Op, string Urn, DiffResponse? Diff = null, Struct? Outputs = null, bool DeleteBeforeReplace = false)
{
    public string Name => Urn[(Urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..];
    public bool IsProvider => Urn.Contains("::pulumi:providers:", StringComparison.Ordinal);
    public override string ToString() => $"{Op} {Name}{(DeleteBeforeReplace ? " (delete before replace)" : "")}";
}

/// <summary>The steps of one `pulumi up` or `pulumi preview`.</summary>
public sealed class UpResult(bool preview, IReadOnlyList<Step> steps)
{
    public bool Preview { get; } = preview;
    public IReadOnlyList<Step> Steps { get; } = steps;

    /// <summary>The custom resources' steps (not the providers').</summary>
    public IEnumerable<Step> ResourceSteps => Steps.Where(s => !s.IsProvider);

    public IEnumerable<StepOp> OpsOf(string name) => ResourceSteps.Where(s => s.Name == name).Select(s => s.Op);

    public Step Last(string name, StepOp op) => ResourceSteps.Last(s => s.Name == name && s.Op == op);

    public IEnumerable<string> Replaced => ResourceSteps.Where(s => s.Op == StepOp.CreateReplacement).Select(s => s.Name);

    public override string ToString() => string.Join("; ", Steps);
}

/// <summary>The deployment stopped: a Check failure, a failed step, or an import that does not match.</summary>
public sealed class DeploymentFailedException(string message, IReadOnlyList<Step> steps, Exception? inner = null) : Exception(message, inner)
{
    public IReadOnlyList<Step> Steps { get; } = steps;
}
