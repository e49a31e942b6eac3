using Grpc.Core;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider;

/// <summary>A data-source function (Invoke).</summary>
public abstract class AstroFunction
{
    public abstract FunctionType Type { get; }
    public abstract Task<(PropertyMap Result, List<CheckFailure> Failures)> InvokeAsync(Operation op, PropertyMap args);
}

/// <summary>Every resource and function the provider serves, by type token.</summary>
public sealed class ProviderRegistry(IEnumerable<AstroResource> resources, IEnumerable<AstroFunction> functions)
{
    public IReadOnlyList<AstroResource> Resources { get; } = resources.ToList();
    public IReadOnlyList<AstroFunction> Functionals { get; } = functions.ToList();
    public IEnumerable<FunctionType> Functions => Functionals.Select(f => f.Type);

    public static ProviderRegistry Default() => new(
        [new Deployment(), new Cluster(), new Deploy(), new HibernationOverride()],
        [new Deployment.GetDeployment(), new GetCluster(), new GetDeploy(), new GetWorkspace()]);

    /// <summary>The resource for a request: by its type field, or the type part of the URN for older engines.</summary>
    public AstroResource Resource(string type, string urn)
    {
        if (string.IsNullOrEmpty(type))
        {
            // urn:pulumi:<stack>::<project>::<qualifiedType>::<name>; the type is after the last '$' (§3.5).
            var parts = urn.Split("::");
            type = parts.Length >= 3 ? parts[2].Split('$')[^1] : "";
        }
        return Resources.FirstOrDefault(r => r.Type.Token == type)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"unknown resource type '{type}'; the astro package has {string.Join(", ", Resources.Select(r => r.Type.Token))}"));
    }

    public AstroFunction Function(string token) =>
        Functionals.FirstOrDefault(f => f.Type.Token == token)
        ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"unknown function '{token}'"));
}
