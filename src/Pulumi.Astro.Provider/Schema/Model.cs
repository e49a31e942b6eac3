using Pulumi.Astro.Provider.Protocol;

namespace Pulumi.Astro.Provider.Schema;

public enum PropType { String, Boolean, Integer, Number, Array, Map, Object, Enum }

/// <summary>
/// One property of a resource, function or object type: the single source of truth for the package schema,
/// the generic Check rules (types, required, enums, defaults), marshalling and the diff rules (replace, sets).
/// </summary>
public sealed record Prop(string Name, PropType Type, string Description)
{
    /// <summary>The user must set it (schema <c>requiredInputs</c> / <c>required</c>).</summary>
    public bool Required { get; init; }
    /// <summary>Computed by Astro: an output only.</summary>
    public bool Computed { get; init; }
    /// <summary>Always present in outputs (schema <c>required</c> of the output properties).</summary>
    public bool AlwaysSet { get; init; }
    public bool Secret { get; init; }
    /// <summary>A change replaces the resource (API fact sheet §9).</summary>
    public bool ReplaceOnChanges { get; init; }
    /// <summary>Order does not matter: compared as a set in Diff.</summary>
    public bool Unordered { get; init; }
    /// <summary>Filled in at Check when the user leaves it out, so the server's default never causes a diff.</summary>
    public PropertyValue? Default { get; init; }
    /// <summary>Element type of an array or map.</summary>
    public Prop? Items { get; init; }
    public ObjectType? Object { get; init; }
    public EnumType? Enum { get; init; }
    /// <summary>Inclusive bounds for numbers.</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>The longest string Astro accepts, in characters (Check enforces it; the schema docs state it).</summary>
    public int? MaxLength { get; init; }
    /// <summary>An environment variable the provider falls back to (schema <c>defaultInfo.environment</c>).</summary>
    public string? Env { get; init; }
    /// <summary>
    /// Optional and computed: Astro fills it in when the program leaves it out. Leaving it out is never a change (at
    /// import, refresh or any later update); Diff compares a set value with the live one in the old outputs, and an
    /// update sends the live value for it (design note: docs/design/property-model.md).
    /// </summary>
    public bool ServerDefault { get; init; }
    /// <summary>
    /// A computed value that Check itself writes into the inputs (a Deploy's contentHash): Check accepts it back, as the
    /// engine feeds Check its own earlier output (ignoreChanges copies old inputs into new ones before Check).
    /// </summary>
    public bool SetByCheck { get; init; }
    /// <summary>A computed output an in-place update cannot change: an update's preview keeps its old value known.</summary>
    public bool Stable { get; init; }
    /// <summary>Two spellings of the same value (e.g. <c>0.5</c> and <c>500m</c> CPU) map to one canonical form for Diff.</summary>
    public Func<string, string>? Canonical { get; init; }

    public Prop Req() => this with { Required = true };
    public Prop Out() => this with { Computed = true };
    public Prop Always() => this with { AlwaysSet = true };
    public Prop Replaces() => this with { ReplaceOnChanges = true };
    public Prop Sec() => this with { Secret = true };
    public Prop Set() => this with { Unordered = true };
    public Prop Def(PropertyValue value) => this with { Default = value };
    public Prop Def(bool value) => this with { Default = PropertyValue.From(value) };
    public Prop Def(string value) => this with { Default = PropertyValue.From(value) };
    public Prop Def(double value) => this with { Default = PropertyValue.From(value) };
    public Prop Range(double min, double max) => this with { Min = min, Max = max };
    public Prop AstroDefault() => this with { ServerDefault = true };
    public Prop Stays() => this with { Stable = true };
    public Prop FromCheck() => this with { SetByCheck = true, Computed = true };
    public Prop Canon(Func<string, string> canonical) => this with { Canonical = canonical };
    public Prop Len(int max) => this with { MaxLength = max };

    public bool IsInput => !Computed;
}

/// <summary>
/// A named object type (schema <c>types</c> entry). <see cref="Key"/> names the field that identifies an element in a
/// list of these (a worker queue's <c>name</c>): Read matches old and live elements by it, whatever their order.
/// </summary>
public sealed record ObjectType(string Token, string Description, IReadOnlyList<Prop> Props)
{
    public string? Key { get; init; }
    public Prop? this[string name] => Props.FirstOrDefault(p => p.Name == name);
}

/// <summary>A closed set of strings (schema enum type; on the wire a plain string).</summary>
public sealed record EnumType(string Token, string Description, IReadOnlyList<EnumValue> Values)
{
    public bool Allows(string value) => Values.Any(v => v.Value == value);
    public string List => string.Join(", ", Values.Select(v => v.Value));
}

public sealed record EnumValue(string Value, string Description);

/// <summary>A resource: its token, docs and properties (inputs and computed outputs).</summary>
public sealed record ResourceType(string Token, string Description, IReadOnlyList<Prop> Props)
{
    public IEnumerable<Prop> Inputs => Props.Where(p => p.IsInput);
    public Prop this[string name] => Props.First(p => p.Name == name);
}

/// <summary>A function (Invoke): its token, docs, arguments and result.</summary>
public sealed record FunctionType(string Token, string Description, IReadOnlyList<Prop> Inputs, IReadOnlyList<Prop> Outputs);

/// <summary>Constructors for properties.</summary>
public static class P
{
    public static Prop Str(string name, string description) => new(name, PropType.String, description);
    public static Prop Bool(string name, string description) => new(name, PropType.Boolean, description);
    public static Prop Int(string name, string description) => new(name, PropType.Integer, description);
    public static Prop Num(string name, string description) => new(name, PropType.Number, description);
    public static Prop Enum(string name, EnumType type, string description) => new(name, PropType.Enum, description) { Enum = type };
    public static Prop Obj(string name, ObjectType type, string description) => new(name, PropType.Object, description) { Object = type };
    public static Prop List(string name, Prop items, string description) => new(name, PropType.Array, description) { Items = items };
    public static Prop StrList(string name, string description) => List(name, Str("item", ""), description);
    public static Prop ObjList(string name, ObjectType type, string description) => List(name, Obj("item", type, ""), description);
    public static Prop Map(string name, Prop items, string description) => new(name, PropType.Map, description) { Items = items };
    public static EnumType EnumOf(string token, string description, params (string Value, string Description)[] values) =>
        new(token, description, values.Select(v => new EnumValue(v.Value, v.Description)).ToList());
}
