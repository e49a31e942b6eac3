using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pulumi.Astro.Client;

// What a failed TLS handshake says. HttpClient reports an untrusted certificate as "The SSL connection could not be
// established, see inner exception"; the client says instead which host's certificate failed, what it is, and why.
public sealed partial class AstroClient
{
    /// <summary>
    /// The last certificate failure per host. The handshake runs on a connection of the pool, apart from the request
    /// that waits for it, so the request finds the reason by its host; one host serves one certificate.
    /// </summary>
    private readonly ConcurrentDictionary<string, string> _certificateFailures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The handler's certificate check: exactly the default one (accept only when there is no policy error), and on a
    /// failure it notes the reason for <see cref="TlsFailureReason"/>.
    /// </summary>
    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        var host = (sender as SslStream)?.TargetHostName ?? "";
        _certificateFailures[host] = DescribeCertificateFailure(host, certificate, chain, errors);
        return false;
    }

    /// <summary>Why the TLS connection for <paramref name="url"/> failed: the certificate's failure, else the handshake's own error.</summary>
    private string TlsFailureReason(string url, Exception failure)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.IdnHost : "";
        if (_certificateFailures.TryRemove(host, out var reason) || _certificateFailures.TryRemove(host.Trim('[', ']'), out reason))
            return reason;
        return $"the TLS handshake with {host} failed: {Innermost(failure)}";
    }

    internal static string DescribeCertificateFailure(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var why = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            why.Add("the server sent no certificate");
        var cert = certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate));
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var names = cert is null ? [] : NamesOf(cert);
            why.Add($"it is not issued for {host}" + (names.Count == 0 ? "" : $" but for {string.Join(", ", names)}"));
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            // The chain statuses say why, e.g. "UntrustedRoot: self-signed certificate" or "NotTimeValid: certificate has expired".
            var statuses = (chain?.ChainStatus ?? [])
                .Where(s => s.Status != X509ChainStatusFlags.NoError)
                .Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? s.Status.ToString() : $"{s.Status}: {s.StatusInformation.Trim()}")
                .Distinct()
                .ToList();
            why.Add("its chain of trust does not verify" + (statuses.Count == 0 ? "" : $" ({string.Join("; ", statuses)})"));
        }
        var s = new StringBuilder();
        s.Append("the TLS certificate of ").Append(host).Append(" is not accepted: ").AppendJoin("; ", why);
        if (cert is not null)
        {
            s.Append(". The certificate is ").Append(cert.Subject)
                .Append(", issued by ").Append(cert.Issuer)
                .Append(", valid from ").Append(cert.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append(" to ").Append(cert.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append(", SHA-256 ").Append(cert.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        }
        s.Append(". The client always validates certificates: the host needs a certificate for its name from an authority this machine trusts");
        return s.ToString();
    }

    /// <summary>The DNS names and IP addresses a certificate is issued for (its subject alternative names).</summary>
    private static List<string> NamesOf(X509Certificate2 cert)
    {
        var names = new List<string>();
        foreach (var extension in cert.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
            names.AddRange(extension.EnumerateIPAddresses().Select(a => a.ToString()));
        }
        if (names.Count == 0 && cert.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { Length: > 0 } cn)
            names.Add(cn);
        return names;
    }
}
