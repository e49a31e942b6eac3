using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

public sealed partial class Deployment
{
    /// <summary>
    /// <c>astro:index:getDeployment</c>: a Deployment by id, with the same property names as the resource's outputs, so
    /// a program can read one it does not manage. Secret variable values are never returned by Astro, so they are absent.
    /// </summary>
    public sealed class GetDeployment : AstroFunction
    {
        public static readonly Prop Id = P.Str("id", "The Deployment's id.").Req();

        public static readonly FunctionType Function = new("astro:index:getDeployment",
            "Looks up an Astro Deployment by id. The result has the `astro:index:Deployment` resource's properties; secret " +
            "environment variable values are never returned by Astro.",
            [Id],
            [Id.Out().Always(), .. Schema.Props.Where(p => p != WaitForHealthy)]);

        public override FunctionType Type => Function;

        public override async Task<(PropertyMap Result, List<CheckFailure> Failures)> InvokeAsync(Operation op, PropertyMap args)
        {
            var failures = new List<CheckFailure>();
            args = Rules.Check(args, Function.Inputs, failures);
            if (failures.Count > 0) return (PropertyMap.Empty, failures);
            var id = S(args, Id.Name)!;
            // The same outputs an import gives (the resource's Read with no old inputs).
            var read = await new Deployment().Read(op, id, null, null).ConfigureAwait(false)
                ?? throw new NotFoundException($"getDeployment: no Deployment with id {id} in this organization");
            var outputs = read.Outputs.Without(WaitForHealthy.Name);
            return (new PropertyMap([new(Id.Name, PropertyValue.From(read.Id)), .. outputs.Entries]), failures);
        }
    }
}
