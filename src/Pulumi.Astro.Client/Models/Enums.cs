// Astro's enums are open sets (API fact sheet §6), so each is a struct around its string that declares only its
// values; what they all share is in AstroEnum.cs.

namespace Pulumi.Astro.Client.Models;

/// <summary>A cloud provider (API fact sheet §6): clusters, node pools, deployments, workspace defaults. A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct CloudProvider(string Value) : IAstroEnum<CloudProvider>
{
    /// <summary><c>AWS</c>.</summary>
    public static readonly CloudProvider Aws = new("AWS");
    /// <summary><c>AZURE</c>.</summary>
    public static readonly CloudProvider Azure = new("AZURE");
    /// <summary><c>GCP</c>.</summary>
    public static readonly CloudProvider Gcp = new("GCP");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<CloudProvider> KnownValues { get; } = [Aws, Azure, Gcp];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>Whether a cluster is dedicated (Astronomer-hosted) or hybrid (in the customer's account) (§6). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct ClusterType(string Value) : IAstroEnum<ClusterType>
{
    /// <summary><c>DEDICATED</c>.</summary>
    public static readonly ClusterType Dedicated = new("DEDICATED");
    /// <summary><c>HYBRID</c>.</summary>
    public static readonly ClusterType Hybrid = new("HYBRID");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<ClusterType> KnownValues { get; } = [Dedicated, Hybrid];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The lifecycle state of a cluster (§6, §7.1). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct ClusterStatus(string Value) : IAstroEnum<ClusterStatus>
{
    /// <summary><c>CREATING</c>.</summary>
    public static readonly ClusterStatus Creating = new("CREATING");
    /// <summary><c>CREATED</c>.</summary>
    public static readonly ClusterStatus Created = new("CREATED");
    /// <summary><c>CREATE_FAILED</c>.</summary>
    public static readonly ClusterStatus CreateFailed = new("CREATE_FAILED");
    /// <summary><c>UPDATING</c>.</summary>
    public static readonly ClusterStatus Updating = new("UPDATING");
    /// <summary><c>UPDATE_FAILED</c>.</summary>
    public static readonly ClusterStatus UpdateFailed = new("UPDATE_FAILED");
    /// <summary><c>UPGRADE_PENDING</c>.</summary>
    public static readonly ClusterStatus UpgradePending = new("UPGRADE_PENDING");
    /// <summary><c>FAILING_OVER</c>.</summary>
    public static readonly ClusterStatus FailingOver = new("FAILING_OVER");
    /// <summary><c>FAILOVER_FAILED</c>.</summary>
    public static readonly ClusterStatus FailoverFailed = new("FAILOVER_FAILED");
    /// <summary><c>ACCESS_DENIED</c>.</summary>
    public static readonly ClusterStatus AccessDenied = new("ACCESS_DENIED");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<ClusterStatus> KnownValues { get; } = [Creating, Created, CreateFailed, Updating, UpdateFailed, UpgradePending, FailingOver, FailoverFailed, AccessDenied];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The overall health of a cluster (§5.1); UNKNOWN is listed although the docs mention only two values (§11.7). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct ClusterHealthValue(string Value) : IAstroEnum<ClusterHealthValue>
{
    /// <summary><c>HEALTHY</c>.</summary>
    public static readonly ClusterHealthValue Healthy = new("HEALTHY");
    /// <summary><c>UNHEALTHY</c>.</summary>
    public static readonly ClusterHealthValue Unhealthy = new("UNHEALTHY");
    /// <summary><c>UNKNOWN</c>.</summary>
    public static readonly ClusterHealthValue Unknown = new("UNKNOWN");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<ClusterHealthValue> KnownValues { get; } = [Healthy, Unhealthy, Unknown];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>Where a deployment runs: a dedicated cluster, a hybrid cluster, or standard shared infrastructure (§6). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct DeploymentType(string Value) : IAstroEnum<DeploymentType>
{
    /// <summary><c>DEDICATED</c>.</summary>
    public static readonly DeploymentType Dedicated = new("DEDICATED");
    /// <summary><c>HYBRID</c>.</summary>
    public static readonly DeploymentType Hybrid = new("HYBRID");
    /// <summary><c>STANDARD</c>.</summary>
    public static readonly DeploymentType Standard = new("STANDARD");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<DeploymentType> KnownValues { get; } = [Dedicated, Hybrid, Standard];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The state of a deployment (§6, §7.2); there are no failure statuses. A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct DeploymentStatus(string Value) : IAstroEnum<DeploymentStatus>
{
    /// <summary><c>CREATING</c>.</summary>
    public static readonly DeploymentStatus Creating = new("CREATING");
    /// <summary><c>DEPLOYING</c>.</summary>
    public static readonly DeploymentStatus Deploying = new("DEPLOYING");
    /// <summary><c>HEALTHY</c>.</summary>
    public static readonly DeploymentStatus Healthy = new("HEALTHY");
    /// <summary><c>UNHEALTHY</c>.</summary>
    public static readonly DeploymentStatus Unhealthy = new("UNHEALTHY");
    /// <summary><c>HIBERNATING</c>.</summary>
    public static readonly DeploymentStatus Hibernating = new("HIBERNATING");
    /// <summary><c>UNKNOWN</c>.</summary>
    public static readonly DeploymentStatus Unknown = new("UNKNOWN");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<DeploymentStatus> KnownValues { get; } = [Creating, Deploying, Healthy, Unhealthy, Hibernating, Unknown];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The Airflow executor of a deployment (§6); hybrid deployments accept only CELERY and KUBERNETES. A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct Executor(string Value) : IAstroEnum<Executor>
{
    /// <summary><c>ASTRO</c>.</summary>
    public static readonly Executor Astro = new("ASTRO");
    /// <summary><c>CELERY</c>.</summary>
    public static readonly Executor Celery = new("CELERY");
    /// <summary><c>KUBERNETES</c>.</summary>
    public static readonly Executor Kubernetes = new("KUBERNETES");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<Executor> KnownValues { get; } = [Astro, Celery, Kubernetes];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The scheduler size of a hosted deployment (§6). The value is EXTRA_LARGE, not EXTRALARGE (§11.13). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct SchedulerSize(string Value) : IAstroEnum<SchedulerSize>
{
    /// <summary><c>SMALL</c>.</summary>
    public static readonly SchedulerSize Small = new("SMALL");
    /// <summary><c>MEDIUM</c>.</summary>
    public static readonly SchedulerSize Medium = new("MEDIUM");
    /// <summary><c>LARGE</c>.</summary>
    public static readonly SchedulerSize Large = new("LARGE");
    /// <summary><c>EXTRA_LARGE</c>.</summary>
    public static readonly SchedulerSize ExtraLarge = new("EXTRA_LARGE");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<SchedulerSize> KnownValues { get; } = [Small, Medium, Large, ExtraLarge];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>A worker machine size of a hosted deployment's worker queue (§6). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct AstroMachine(string Value) : IAstroEnum<AstroMachine>
{
    /// <summary><c>A5</c>.</summary>
    public static readonly AstroMachine A5 = new("A5");
    /// <summary><c>A10</c>.</summary>
    public static readonly AstroMachine A10 = new("A10");
    /// <summary><c>A20</c>.</summary>
    public static readonly AstroMachine A20 = new("A20");
    /// <summary><c>A40</c>.</summary>
    public static readonly AstroMachine A40 = new("A40");
    /// <summary><c>A60</c>.</summary>
    public static readonly AstroMachine A60 = new("A60");
    /// <summary><c>A120</c>.</summary>
    public static readonly AstroMachine A120 = new("A120");
    /// <summary><c>A160</c>.</summary>
    public static readonly AstroMachine A160 = new("A160");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<AstroMachine> KnownValues { get; } = [A5, A10, A20, A40, A60, A120, A160];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The state of a deploy (§6, §7.3). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct DeployStatus(string Value) : IAstroEnum<DeployStatus>
{
    /// <summary><c>INITIALIZED</c>.</summary>
    public static readonly DeployStatus Initialized = new("INITIALIZED");
    /// <summary><c>DEPLOYED</c>.</summary>
    public static readonly DeployStatus Deployed = new("DEPLOYED");
    /// <summary><c>FAILED</c>.</summary>
    public static readonly DeployStatus Failed = new("FAILED");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<DeployStatus> KnownValues { get; } = [Initialized, Deployed, Failed];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The type of a deploy as a response reports it (§6); responses do not list BUNDLE (§11.6), but it may appear. A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct DeployType(string Value) : IAstroEnum<DeployType>
{
    /// <summary><c>IMAGE_AND_DAG</c>.</summary>
    public static readonly DeployType ImageAndDag = new("IMAGE_AND_DAG");
    /// <summary><c>IMAGE_ONLY</c>.</summary>
    public static readonly DeployType ImageOnly = new("IMAGE_ONLY");
    /// <summary><c>DAG_ONLY</c>.</summary>
    public static readonly DeployType DagOnly = new("DAG_ONLY");
    /// <summary><c>BUNDLE</c>.</summary>
    public static readonly DeployType Bundle = new("BUNDLE");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<DeployType> KnownValues { get; } = [ImageAndDag, ImageOnly, DagOnly, Bundle];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The git hosting provider named in deploy metadata (§4.7). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct GitProvider(string Value) : IAstroEnum<GitProvider>
{
    /// <summary><c>GITHUB</c>.</summary>
    public static readonly GitProvider Github = new("GITHUB");
    /// <summary><c>GENERIC</c>.</summary>
    public static readonly GitProvider Generic = new("GENERIC");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<GitProvider> KnownValues { get; } = [Github, Generic];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>Whether a subject is a user or an API token (§5.5). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct SubjectType(string Value) : IAstroEnum<SubjectType>
{
    /// <summary><c>USER</c>.</summary>
    public static readonly SubjectType User = new("USER");
    /// <summary><c>SERVICEKEY</c>.</summary>
    public static readonly SubjectType ServiceKey = new("SERVICEKEY");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<SubjectType> KnownValues { get; } = [User, ServiceKey];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The next scheduled hibernation event of a development deployment (§5.5). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct HibernationEventType(string Value) : IAstroEnum<HibernationEventType>
{
    /// <summary><c>HIBERNATE</c>.</summary>
    public static readonly HibernationEventType Hibernate = new("HIBERNATE");
    /// <summary><c>WAKE</c>.</summary>
    public static readonly HibernationEventType Wake = new("WAKE");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<HibernationEventType> KnownValues { get; } = [Hibernate, Wake];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>A component whose logs can be read (§2 logs, §6); the values are lower-case. A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct DeploymentLogSource(string Value) : IAstroEnum<DeploymentLogSource>
{
    /// <summary><c>apiserver</c>.</summary>
    public static readonly DeploymentLogSource ApiServer = new("apiserver");
    /// <summary><c>dag-processor</c>.</summary>
    public static readonly DeploymentLogSource DagProcessor = new("dag-processor");
    /// <summary><c>scheduler</c>.</summary>
    public static readonly DeploymentLogSource Scheduler = new("scheduler");
    /// <summary><c>triggerer</c>.</summary>
    public static readonly DeploymentLogSource Triggerer = new("triggerer");
    /// <summary><c>webserver</c>.</summary>
    public static readonly DeploymentLogSource Webserver = new("webserver");
    /// <summary><c>worker</c>.</summary>
    public static readonly DeploymentLogSource Worker = new("worker");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<DeploymentLogSource> KnownValues { get; } = [ApiServer, DagProcessor, Scheduler, Triggerer, Webserver, Worker];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The product of an organization (§5.8). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct OrganizationProduct(string Value) : IAstroEnum<OrganizationProduct>
{
    /// <summary><c>HOSTED</c>.</summary>
    public static readonly OrganizationProduct Hosted = new("HOSTED");
    /// <summary><c>HYBRID</c>.</summary>
    public static readonly OrganizationProduct Hybrid = new("HYBRID");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<OrganizationProduct> KnownValues { get; } = [Hosted, Hybrid];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The status of an organization (§5.8). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct OrganizationStatus(string Value) : IAstroEnum<OrganizationStatus>
{
    /// <summary><c>ACTIVE</c>.</summary>
    public static readonly OrganizationStatus Active = new("ACTIVE");
    /// <summary><c>INACTIVE</c>.</summary>
    public static readonly OrganizationStatus Inactive = new("INACTIVE");
    /// <summary><c>SUSPENDED</c>.</summary>
    public static readonly OrganizationStatus Suspended = new("SUSPENDED");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<OrganizationStatus> KnownValues { get; } = [Active, Inactive, Suspended];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>How an organization pays (§6). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct OrganizationPaymentMethod(string Value) : IAstroEnum<OrganizationPaymentMethod>
{
    /// <summary><c>AWS_MARKETPLACE</c>.</summary>
    public static readonly OrganizationPaymentMethod AwsMarketplace = new("AWS_MARKETPLACE");
    /// <summary><c>AZURE_MARKETPLACE</c>.</summary>
    public static readonly OrganizationPaymentMethod AzureMarketplace = new("AZURE_MARKETPLACE");
    /// <summary><c>GCP_MARKETPLACE</c>.</summary>
    public static readonly OrganizationPaymentMethod GcpMarketplace = new("GCP_MARKETPLACE");
    /// <summary><c>SNOWFLAKE_MARKETPLACE</c>.</summary>
    public static readonly OrganizationPaymentMethod SnowflakeMarketplace = new("SNOWFLAKE_MARKETPLACE");
    /// <summary><c>CREDIT_CARD</c>.</summary>
    public static readonly OrganizationPaymentMethod CreditCard = new("CREDIT_CARD");
    /// <summary><c>INVOICE</c>.</summary>
    public static readonly OrganizationPaymentMethod Invoice = new("INVOICE");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<OrganizationPaymentMethod> KnownValues { get; } = [AwsMarketplace, AzureMarketplace, GcpMarketplace, SnowflakeMarketplace, CreditCard, Invoice];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The Astronomer product of an organization's product plan (§5.8). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct AstronomerProduct(string Value) : IAstroEnum<AstronomerProduct>
{
    /// <summary><c>ASTRO</c>.</summary>
    public static readonly AstronomerProduct Astro = new("ASTRO");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<AstronomerProduct> KnownValues { get; } = [Astro];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>Whether a managed domain has been verified (§5.8). A value the client does not know is kept as is (§6: Astro adds values).</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct ManagedDomainStatus(string Value) : IAstroEnum<ManagedDomainStatus>
{
    /// <summary><c>PENDING</c>.</summary>
    public static readonly ManagedDomainStatus Pending = new("PENDING");
    /// <summary><c>VERIFIED</c>.</summary>
    public static readonly ManagedDomainStatus Verified = new("VERIFIED");

    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    public static IReadOnlyList<ManagedDomainStatus> KnownValues { get; } = [Pending, Verified];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
