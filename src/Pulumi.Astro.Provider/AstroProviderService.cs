using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider;

/// <summary>
/// The ResourceProvider gRPC service. It is a singleton and serves requests concurrently; per-call state lives in
/// the call. Every method runs through <see cref="Run{T}"/>, so <see cref="ErrorMapping"/> is the only mapping from
/// exceptions to gRPC statuses. Methods not overridden answer UNIMPLEMENTED.
/// </summary>
public sealed class AstroProviderService : ResourceProvider.ResourceProviderBase, IDisposable
{
    private readonly ProviderRegistry _registry;
    private readonly EngineLog _log;
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _env;
    private readonly Func<ProviderConfig, IAstroClient> _clientFactory;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Lazy<string> _schema;
    private IAstroClient? _client;

    public AstroProviderService(ProviderRegistry registry, EngineLog log, ProviderServices services)
    {
        _registry = registry;
        _log = log;
        _time = services.Time;
        _env = services.Environment;
        _clientFactory = services.ClientFactory;
        _schema = new Lazy<string>(() => PackageSchema.Render(ProviderVersion.Value, ProviderConfig.Props, _registry.Resources.Select(r => r.Type), _registry.Functions));
    }

    private static async Task<T> Run<T>(Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw ErrorMapping.ToRpc(e);
        }
    }

    public override Task<ProviderHandshakeResponse> Handshake(ProviderHandshakeRequest request, ServerCallContext context) => Run(() =>
    {
        _log.Connect(request.EngineAddress);
        // Must equal what Configure answers (protocol fact sheet §2.2).
        return Task.FromResult(new ProviderHandshakeResponse { AcceptSecrets = true, AcceptResources = true });
    });

    public override Task<Empty> Attach(PluginAttach request, ServerCallContext context) => Run(() =>
    {
        _log.Connect(request.Address);
        return Task.FromResult(new Empty());
    });

    public override Task<PluginInfo> GetPluginInfo(Empty request, ServerCallContext context) =>
        Run(() => Task.FromResult(new PluginInfo { Version = ProviderVersion.Value }));

    public override Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, ServerCallContext context) =>
        Run(() => Task.FromResult(new GetSchemaResponse { Schema = _schema.Value }));

    public override Task<CheckResponse> CheckConfig(CheckRequest request, ServerCallContext context) => Run(() =>
    {
        var news = Marshal.FromStruct(request.News);
        var response = new CheckResponse { Inputs = request.News ?? new Struct() };
        // Config with unknowns is not configured at all (§2.3), so there is nothing to check yet.
        if (news.Values.Any(v => v.ContainsUnknowns)) return Task.FromResult(response);
        var (_, failures) = ProviderConfig.From(news.Without("version"), _env);
        response.Failures.AddRange(failures.Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));
        return Task.FromResult(response);
    });

    public override Task<DiffResponse> DiffConfig(DiffRequest request, ServerCallContext context) => Run(() =>
    {
        var olds = Marshal.FromStruct(request.OldInputs ?? request.Olds);
        var news = Marshal.FromStruct(request.News);
        return Task.FromResult(ToResponse(ProviderConfig.Diff(olds, news, _env)));
    });

    public override Task<ConfigureResponse> Configure(ConfigureRequest request, ServerCallContext context) => Run(() =>
    {
        var args = request.Args is not null
            ? Marshal.FromStruct(request.Args)
            : new PropertyMap(request.Variables
                .Where(v => v.Key.StartsWith("astro:config:", StringComparison.Ordinal))
                .Select(v => new KeyValuePair<string, PropertyValue>(v.Key["astro:config:".Length..], PropertyValue.From(v.Value))));
        var (config, failures) = ProviderConfig.From(args.Without("version"), _env);
        if (config is null)
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "invalid astro provider configuration: " + string.Join("; ", failures.Select(f => f.Reason))));
        var previous = Interlocked.Exchange(ref _client, _clientFactory(config));
        (previous as IDisposable)?.Dispose();
        return Task.FromResult(new ConfigureResponse { AcceptSecrets = true, SupportsPreview = true, AcceptResources = true });
    });

    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context) => Run(() =>
    {
        var resource = _registry.Resource(request.Type, request.Urn);
        var failures = new List<Schema.CheckFailure>();
        var inputs = resource.Check(request.Name, Marshal.FromStruct(request.Olds), Marshal.FromStruct(request.News), failures);
        var response = new CheckResponse { Inputs = Marshal.ToStruct(inputs) };
        response.Failures.AddRange(failures.Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));
        return Task.FromResult(response);
    });

    public override Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context) => Run(() =>
    {
        var resource = _registry.Resource(request.Type, request.Urn);
        var diff = resource.Diff(Marshal.FromStruct(request.OldInputs), Marshal.FromStruct(request.Olds), Marshal.FromStruct(request.News));
        return Task.FromResult(ToResponse(diff));
    });

    private static DiffResponse ToResponse(DiffResult? diff)
    {
        // Not known yet (a config value that is another resource's output, in preview): DIFF_UNKNOWN with no replaces,
        // which the engine turns into "changed" or "unchanged", never a replacement (pulumi/pulumi
        // pkg/resource/deploy/providers/registry.go, Registry.Diff).
        if (diff is null) return new DiffResponse { Changes = DiffResponse.Types.DiffChanges.DiffUnknown };
        var response = new DiffResponse
        {
            Changes = diff.HasChanges ? DiffResponse.Types.DiffChanges.DiffSome : DiffResponse.Types.DiffChanges.DiffNone,
            HasDetailedDiff = true,
            DeleteBeforeReplace = diff.DeleteBeforeReplace,
        };
        response.Diffs.AddRange(diff.Changed);
        response.Replaces.AddRange(diff.Replaces);
        foreach (var (path, kind) in diff.Detailed)
            response.DetailedDiff[path] = new PropertyDiff { Kind = (PropertyDiff.Types.Kind)(int)kind, InputDiff = true };
        return response;
    }

    public override Task<CreateResponse> Create(CreateRequest request, ServerCallContext context) => Run(async () =>
    {
        var resource = _registry.Resource(request.Type, request.Urn);
        var inputs = Marshal.FromStruct(request.Properties);
        if (request.Preview)
            return new CreateResponse { Properties = Marshal.ToStruct(resource.PreviewOutputs(inputs)) };
        var (id, outputs) = await resource.Create(Operation(request.Urn, request.Timeout, context), inputs).ConfigureAwait(false);
        return new CreateResponse { Id = id, Properties = Marshal.ToStruct(outputs) };
    });

    public override Task<ReadResponse> Read(ReadRequest request, ServerCallContext context) => Run(async () =>
    {
        var resource = _registry.Resource(request.Type, request.Urn);
        var result = await resource.Read(Operation(request.Urn, request.Timeout, context), request.Id,
            request.Inputs is null ? null : Marshal.FromStruct(request.Inputs),
            request.Properties is null ? null : Marshal.FromStruct(request.Properties)).ConfigureAwait(false);
        // Gone: an empty id and no properties (§2.7).
        if (result is null) return new ReadResponse();
        return new ReadResponse { Id = result.Id, Properties = Marshal.ToStruct(result.Outputs), Inputs = Marshal.ToStruct(result.Inputs) };
    });

    public override Task<UpdateResponse> Update(UpdateRequest request, ServerCallContext context) => Run(async () =>
    {
        var resource = _registry.Resource(request.Type, request.Urn);
        var news = Marshal.FromStruct(request.News);
        var olds = Marshal.FromStruct(request.Olds);
        // Preview: the new inputs, what the update cannot change as it was, and the rest of the computed outputs unknown.
        if (request.Preview)
            return new UpdateResponse { Properties = Marshal.ToStruct(resource.PreviewOutputs(news, olds)) };
        var outputs = await resource.Update(Operation(request.Urn, request.Timeout, context), request.Id,
            Marshal.FromStruct(request.OldInputs), olds, news).ConfigureAwait(false);
        return new UpdateResponse { Properties = Marshal.ToStruct(outputs) };
    });

    public override Task<Empty> Delete(DeleteRequest request, ServerCallContext context) => Run(async () =>
    {
        var resource = _registry.Resource(request.Type, request.Urn);
        await resource.DeleteAsync(Operation(request.Urn, request.Timeout, context), request.Id, Marshal.FromStruct(request.Properties)).ConfigureAwait(false);
        return new Empty();
    });

    public override Task<InvokeResponse> Invoke(InvokeRequest request, ServerCallContext context) => Run(async () =>
    {
        var function = _registry.Function(request.Tok);
        var (result, failures) = await function.InvokeAsync(Operation("", 0, context), Marshal.FromStruct(request.Args)).ConfigureAwait(false);
        var response = new InvokeResponse { Return = Marshal.ToStruct(result) };
        response.Failures.AddRange(failures.Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));
        return response;
    });

    public override Task<Empty> Cancel(Empty request, ServerCallContext context) => Run(() =>
    {
        // Waits in progress stop and report partial state (issue: within 1 s).
        _cancel.Cancel();
        return Task.FromResult(new Empty());
    });

    private Operation Operation(string urn, double timeoutSeconds, ServerCallContext context)
    {
        var client = _client ?? throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "the astro provider is not configured yet (Configure was not called)"));
        var token = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token, context.CancellationToken).Token;
        return new Operation(client, new Waiter(_time), _log, urn, timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : null, token);
    }

    public void Dispose()
    {
        _cancel.Dispose();
        (_client as IDisposable)?.Dispose();
    }
}

/// <summary>Things the service gets from outside, so tests can swap them (style.md principle 7).</summary>
public sealed record ProviderServices(TimeProvider Time, Func<string, string?> Environment, Func<ProviderConfig, IAstroClient> ClientFactory)
{
    public static ProviderServices Default { get; } = new(TimeProvider.System, System.Environment.GetEnvironmentVariable, c => new AstroClient(c.ClientOptions()));
}
