using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The names Pulumi's C# codegen (pkg/codegen/dotnet) gives our schema, with the schema's language.csharp
/// (rootNamespace Pulumi, package astro → Astro, module index → no sub-namespace): resource `astro:index:X` → class
/// `Pulumi.Astro.X` with args `XArgs`; object type T → `Inputs.TArgs` (inputs) and `Outputs.T` (outputs); enum E →
/// `Pulumi.Astro.E` with one member per value, named from the value's `name` (or value) title-cased; function
/// `astro:index:getX` → `GetX` with `GetXArgs`; the provider → `Provider`/`ProviderArgs`. Properties are the schema
/// names with the first letter upper-cased.
/// </summary>
public sealed class CSharpSdkNames
{
    /// <summary>A generated class: its properties (C# name → schema spec) and, for enums, its members.</summary>
    public sealed record SdkClass(string Name, string Family, string Kind, Dictionary<string, JObject> Properties, HashSet<string> Members);

    public Dictionary<string, SdkClass> Classes { get; } = new(StringComparer.Ordinal);

    public CSharpSdkNames(ServedSchema schema)
    {
        string[] resourceMembers = ["Id", "Urn", "Get", "GetResourceName", "GetResourceType"];
        foreach (var (token, spec) in ((JObject)schema.Json["resources"]!).Properties().Select(p => (p.Name, (JObject)p.Value)))
        {
            var name = Title(token.Split(':')[2]);
            Add(name, name, "resource", (JObject?)spec["properties"], resourceMembers);
            Add(name + "Args", name, "args", (JObject?)spec["inputProperties"], []);
        }
        Add("Provider", "Provider", "resource", [], resourceMembers);
        Add("ProviderArgs", "Provider", "args", (JObject?)schema.Json["provider"]?["inputProperties"], []);
        foreach (var (token, spec) in ((JObject?)schema.Json["functions"] ?? []).Properties().Select(p => (p.Name, (JObject)p.Value)))
        {
            var name = Title(token.Split(':')[2]);
            Add(name, name, "function", [], ["InvokeAsync", "Invoke"]);
            Add(name + "Args", name, "args", (JObject?)spec["inputs"]?["properties"], []);
            Add(name + "InvokeArgs", name, "args", (JObject?)spec["inputs"]?["properties"], []);
            Add("Outputs." + name + "Result", name, "output", (JObject?)spec["outputs"]?["properties"], []);
        }
        foreach (var (token, spec) in ((JObject?)schema.Json["types"] ?? []).Properties().Select(p => (p.Name, (JObject)p.Value)))
        {
            var name = Title(token.Split(':')[2]);
            if (spec["enum"] is JArray values)
            {
                Add(name, name, "enum", [], values.Select(v => EnumMember(v["name"]?.ToString() ?? v["value"]!.ToString(), name)));
                continue;
            }
            Add("Inputs." + name + "Args", name, "args", (JObject?)spec["properties"], []);
            Add("Inputs." + name + "GetArgs", name, "args", (JObject?)spec["properties"], []);
            Add("Outputs." + name, name, "output", (JObject?)spec["properties"], []);
        }
    }

    private void Add(string name, string family, string kind, JObject? props, IEnumerable<string> members) =>
        Classes[name] = new SdkClass(name, family, kind,
            (props ?? []).Properties().ToDictionary(p => Title(p.Name), p => (JObject)p.Value, StringComparer.Ordinal),
            members.ToHashSet(StringComparer.Ordinal));

    /// <summary>Title in pkg/codegen/dotnet: the first letter upper-cased, the rest as is.</summary>
    public static string Title(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>
    /// makeSafeEnumName: illegal identifier characters become '_' (runs of them one '_'), then Go's strings.Title,
    /// which upper-cases only the first letter here (letters, digits and '_' are not word separators); a name that
    /// starts with '_' gets the enum's name in front.
    /// </summary>
    public static string EnumMember(string name, string typeName)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        if (chars.Length > 0 && char.IsDigit(chars[0])) chars = ['_', .. chars];
        if (chars.Length > 0) chars[0] = char.ToUpperInvariant(chars[0]);
        var safe = System.Text.RegularExpressions.Regex.Replace(new string(chars), "_+", "_");
        if (safe.StartsWith('_')) safe = typeName + safe;
        return safe == "Equals" ? "EqualsValue" : safe;
    }

    /// <summary>A reference to an Astro type or member found in the code, and the family (resource or type) it belongs to.</summary>
    public sealed record Problem(string Family, string Message);

    /// <summary>Every use of the Astro SDK in one C# file that the generated SDK would not compile with.</summary>
    public List<Problem> Check(string code, string file = "<inline>")
    {
        var root = CSharpSyntaxTree.ParseText(code).GetCompilationUnitRoot();
        var problems = new List<Problem>();
        string Where(SyntaxNode n) => $"{file}:{n.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";

        // 1. Astro.X, Astro.Inputs.XArgs, Astro.E.Member: the type (and enum member) exists.
        foreach (var (node, segments) in Chains(root))
        {
            if (AstroPath(segments) is not { } path || path.Count == 0) continue;
            var (cls, rest) = Resolve(path);
            if (cls is null)
            {
                problems.Add(new Problem(FamilyOf(path), $"{Where(node)}: Astro.{string.Join('.', path)} is not a type of the generated SDK"));
                continue;
            }
            if (rest.Count > 0 && cls.Kind is "enum" or "resource" or "function" && !cls.Members.Contains(rest[0]))
                problems.Add(new Problem(cls.Family, $"{Where(node)}: Astro.{cls.Name} has no member '{rest[0]}'" +
                    (cls.Kind == "enum" ? $" (members: {string.Join(", ", cls.Members)})" : "")));
        }

        // 2. Variables of Astro types: their members exist.
        var variables = Variables(root);
        foreach (var (node, segments) in Chains(root))
        {
            if (segments.Count < 2 || !variables.TryGetValue(segments[0], out var cls)) continue;
            if (!cls.Properties.ContainsKey(segments[1]) && !cls.Members.Contains(segments[1]))
                problems.Add(new Problem(cls.Family, $"{Where(node)}: {segments[0]} is Astro.{cls.Name}, which has no property '{segments[1]}'"));
        }

        // 3. Object initializers of Astro args: each property exists, enums and object types match the schema.
        foreach (var creation in root.DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
        {
            if (ClassOf(creation.Type) is not { } cls || creation.Initializer is null) continue;
            foreach (var assignment in creation.Initializer.Expressions.OfType<AssignmentExpressionSyntax>())
            {
                if (assignment.Left is not IdentifierNameSyntax { Identifier.Text: var property }) continue;
                if (!cls.Properties.TryGetValue(property, out var spec))
                {
                    problems.Add(new Problem(cls.Family, $"{Where(assignment)}: Astro.{cls.Name} has no property '{property}' (it has: {string.Join(", ", cls.Properties.Keys)})"));
                    continue;
                }
                CheckAssignedValue(cls, property, spec, assignment.Right, problems, Where);
            }
        }
        return problems;
    }

    private void CheckAssignedValue(SdkClass cls, string property, JObject spec, ExpressionSyntax value, List<Problem> problems, Func<SyntaxNode, string> where)
    {
        var expected = ExpectedClass(spec);
        var item = spec["type"]?.ToString() == "array" ? ExpectedClass((JObject)spec["items"]!) : null;
        var valueClass = value is MemberAccessExpressionSyntax m && AstroPath(Flatten(m)) is { Count: >= 2 } p ? Resolve(p).Class : null;
        if (expected is { Kind: "enum" })
        {
            if (valueClass is { Kind: "enum" } && valueClass != expected || value is LiteralExpressionSyntax)
                problems.Add(new Problem(cls.Family, $"{where(value)}: Astro.{cls.Name}.{property} is the enum Astro.{expected.Name}; assign one of its members ({string.Join(", ", expected.Members)})"));
            return;
        }
        if (valueClass is { Kind: "enum" })
        {
            problems.Add(new Problem(cls.Family, $"{where(value)}: Astro.{cls.Name}.{property} is {spec["type"] ?? spec["$ref"]}, not the enum Astro.{valueClass.Name}"));
            return;
        }
        var elements = value switch
        {
            InitializerExpressionSyntax init => init.Expressions.ToList(),
            CollectionExpressionSyntax coll => coll.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
            ImplicitArrayCreationExpressionSyntax arr => arr.Initializer.Expressions.ToList(),
            _ => [value],
        };
        var want = item ?? expected;
        if (want is null) return;
        foreach (var creation in elements.OfType<ObjectCreationExpressionSyntax>())
            if (ClassOf(creation.Type) is { } made && made.Family != want.Family)
                problems.Add(new Problem(cls.Family, $"{where(creation)}: Astro.{cls.Name}.{property} takes Astro.Inputs.{want.Family}Args, not Astro.{made.Name}"));
    }

    private SdkClass? ExpectedClass(JObject spec)
    {
        if (spec["$ref"]?.ToString() is not { } reference) return null;
        var name = Title(reference.Split(':')[^1]);
        return Classes.GetValueOrDefault(name) is { Kind: "enum" } e ? e : Classes.GetValueOrDefault($"Inputs.{name}Args");
    }

    private (SdkClass? Class, List<string> Remainder) Resolve(List<string> path)
    {
        if (path[0] is "Inputs" or "Outputs")
            return path.Count >= 2 && Classes.TryGetValue($"{path[0]}.{path[1]}", out var nested) ? (nested, path.Skip(2).ToList()) : (null, []);
        return Classes.TryGetValue(path[0], out var cls) ? (cls, path.Skip(1).ToList()) : (null, []);
    }

    private static string FamilyOf(List<string> path)
    {
        var name = path[0] is "Inputs" or "Outputs" && path.Count > 1 ? path[1] : path[0];
        foreach (var suffix in new[] { "InvokeArgs", "GetArgs", "Args", "Result" })
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length) return name[..^suffix.Length];
        return name;
    }

    private SdkClass? ClassOf(TypeSyntax type) =>
        Flatten(type) is { } segments && AstroPath(segments) is { Count: > 0 } path && Resolve(path) is { Class: { } cls, Remainder.Count: 0 } ? cls : null;

    /// <summary>The part after `Astro.` or `Pulumi.Astro.`; null when the chain is not about the Astro SDK.</summary>
    private static List<string>? AstroPath(List<string>? segments) => segments switch
    {
        ["Astro", .. var rest] => rest,
        ["Pulumi", "Astro", .. var rest] => rest,
        _ => null,
    };

    /// <summary>Every outermost dotted chain of simple names (`a.B.C`), as types or member accesses.</summary>
    private static IEnumerable<(SyntaxNode Node, List<string> Segments)> Chains(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes().Where(n => n is MemberAccessExpressionSyntax or QualifiedNameSyntax))
        {
            if (Flatten(node) is not { } segments) continue;
            if (node.Parent is MemberAccessExpressionSyntax or QualifiedNameSyntax && Flatten(node.Parent) is not null) continue;
            yield return (node, segments);
        }
    }

    private static List<string>? Flatten(SyntaxNode node) => node switch
    {
        IdentifierNameSyntax id => [id.Identifier.Text],
        GenericNameSyntax g => [g.Identifier.Text],
        QualifiedNameSyntax q => Flatten(q.Left) is { } left && Flatten(q.Right) is { } right ? [.. left, .. right] : null,
        MemberAccessExpressionSyntax m when m.IsKind(SyntaxKind.SimpleMemberAccessExpression) =>
            Flatten(m.Expression) is { } left ? [.. left, m.Name.Identifier.Text] : null,
        _ => null,
    };

    /// <summary>
    /// Locals, fields and properties whose type is an Astro class: declared with it, created with `new Astro.X(...)`,
    /// or picked with `OfType&lt;Astro.X&gt;()` followed by Single/First/Last, or iterated from `OfType&lt;Astro.X&gt;()`.
    /// </summary>
    private Dictionary<string, SdkClass> Variables(SyntaxNode root)
    {
        var result = new Dictionary<string, SdkClass>(StringComparer.Ordinal);
        SdkClass? FromExpression(ExpressionSyntax? e)
        {
            switch (e)
            {
                case ObjectCreationExpressionSyntax c: return ClassOf(c.Type);
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Single" or "First" or "Last" or "SingleOrDefault" or "FirstOrDefault" } m }:
                    return OfType(m.Expression);
                default: return null;
            }
        }
        SdkClass? OfType(ExpressionSyntax e) =>
            e.DescendantNodesAndSelf().OfType<GenericNameSyntax>().FirstOrDefault(g => g.Identifier.Text == "OfType") is { TypeArgumentList.Arguments: [var arg] } ? ClassOf(arg) : null;

        // Names are not scoped here: a name declared with two different types anywhere in the file is left unchecked.
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        void Declare(string name, SdkClass? cls)
        {
            if (cls is null || result.TryGetValue(name, out var other) && other != cls) ambiguous.Add(name);
            else result[name] = cls;
        }
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
            foreach (var v in declaration.Variables)
                Declare(v.Identifier.Text, declaration.Type.IsVar ? FromExpression(v.Initializer?.Value) : ClassOf(declaration.Type));
        foreach (var loop in root.DescendantNodes().OfType<ForEachStatementSyntax>())
            Declare(loop.Identifier.Text, loop.Type.IsVar
                ? loop.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.Text: "OfType" } } } ? OfType(loop.Expression) : null
                : ClassOf(loop.Type));
        foreach (var property in root.DescendantNodes().OfType<PropertyDeclarationSyntax>())
            Declare(property.Identifier.Text, ClassOf(property.Type));
        foreach (var name in ambiguous) result.Remove(name);
        return result;
    }
}
