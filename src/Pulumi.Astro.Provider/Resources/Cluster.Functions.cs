using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// <c>astro:index:getCluster</c>: one cluster by id, with the same property names as the <c>astro:index:Cluster</c>
/// resource's outputs (its inputs as Read rebuilds them for an import, and every computed field).
/// </summary>
public sealed class GetCluster : AstroFunction
{
    public static readonly Prop Id = P.Str("id", "The cluster id.").Req();

    /// <summary>The resource's properties as plain results: no replace or default semantics in a function's output.</summary>
    public static readonly FunctionType Schema = new("astro:index:getCluster",
        "Looks up an Astro cluster by id. A missing cluster is a NotFound error naming the id.",
        [Id],
        [Id, .. Cluster.Schema.Props.Select(p => p with { Required = false, AlwaysSet = p.AlwaysSet || p.Required, ReplaceOnChanges = false, Default = null, Computed = false })]);

    public override FunctionType Type => Schema;

    public override async Task<(PropertyMap Result, List<CheckFailure> Failures)> InvokeAsync(Operation op, PropertyMap args)
    {
        var failures = new List<CheckFailure>();
        Rules.Check(args, Schema.Inputs, failures);
        if (failures.Count > 0) return (PropertyMap.Empty, failures);
        var id = args[Id.Name].Unwrapped.AsString;
        ReadResult? read;
        try
        {
            // The same outputs an import gives (the resource's Read with no old inputs).
            read = await new Cluster().Read(op, id, null, null).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"getCluster: '{id}' is not a cluster id: {e.Message}");
        }
        if (read is null) throw new NotFoundException($"getCluster: no cluster with id '{id}' in the organization (Astro answered 404)");
        return (read.Outputs.With(Id.Name, PropertyValue.From(read.Id)), failures);
    }
}
