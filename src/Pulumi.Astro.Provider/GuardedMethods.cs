using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider;

/// <summary>
/// Binds the ResourceProvider methods as the generated <c>BindService</c> lists them, with one change: a request that
/// is not a valid protobuf message of its type (garbage bytes, a truncated message, values nested deeper than
/// protobuf's limit of 100 message levels) answers INVALID_ARGUMENT saying what is wrong, instead of grpc-dotnet's
/// "Exception was thrown by handler". The handlers are the singleton service's own methods.
/// </summary>
public sealed class GuardedMethods(AstroProviderService service) : IServiceMethodProvider<AstroProviderService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<AstroProviderService> context) =>
        ResourceProvider.BindService(new Binder(context), service);

    /// <summary>The request deserializer of <paramref name="method"/>, answering INVALID_ARGUMENT when it fails.</summary>
    public static Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var inner = method.RequestMarshaller;
        var guarded = new Marshaller<TRequest>(inner.ContextualSerializer, context =>
        {
            try
            {
                return inner.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                var why = e.Message.Contains("levels of nesting", StringComparison.Ordinal)
                    ? "its values are nested too deeply (protobuf reads at most 100 message levels: about 33 levels of objects or 50 of lists, " +
                      "far more than any astro property has)"
                    : $"it is not a valid protobuf message ({e.Message})";
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"the {method.Name} request cannot be read: {why}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, guarded, method.ResponseMarshaller);
    }

    private sealed class Binder(ServiceMethodProviderContext<AstroProviderService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Guard(method), [], (_, request, call) => handler!(request, call));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Guard(method), [], (_, request, stream, call) => handler!(request, stream, call));
    }
}
