from __future__ import annotations

import datetime
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from migrator.config.model import ServerConfig
from migrator.errors import ConfigError
from migrator.server_api import ServerAddress, base_url, tls_verify


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"address": "tc.example.com"}, "https://tc.example.com"),
        ({"address": "tc.example.com", "port": 8443}, "https://tc.example.com:8443"),
        ({"address": "10.0.0.5", "https": False, "port": 4309}, "http://10.0.0.5:4309"),
        ({"address": "10.0.0.5", "https": False, "port": 80}, "http://10.0.0.5"),
        ({"address": "::1", "port": 8443}, "https://[::1]:8443"),
        ({"address": " https://tc.example.com:9443/ "}, "https://tc.example.com:9443"),
        ({"address": "http://tc.example.com"}, "http://tc.example.com"),
        ({"address": "10.0.0.5", "https": False}, "http://10.0.0.5:4309"),
        ({"address": "https://tc.example.com", "port": 8443}, "https://tc.example.com:8443"),
        ({"address": "tc.example.com:7443"}, "https://tc.example.com:7443"),
    ],
)
def test_base_url_from_server_section(fields: dict[str, object], expected: str) -> None:
    assert base_url(ServerConfig.model_validate(fields)) == expected


def test_server_address_parts() -> None:
    address = ServerAddress.from_config(ServerConfig(address="tc.example.com", port=8443))
    assert (address.scheme, address.host, address.port, address.https) == (
        "https",
        "tc.example.com",
        8443,
        True,
    )


@pytest.mark.parametrize(
    ("address", "fragment"),
    [
        ("", "[server] address is empty"),
        ("tc.example.com/admin", "contains more than a host name"),
        ("ftp://tc.example.com", "has the scheme 'ftp'"),
        ("tc example com", "is not a valid host name"),
    ],
)
def test_bad_addresses_name_the_field(address: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        base_url(ServerConfig(address=address))
    assert fragment in caught.value.message
    assert caught.value.hint


def test_tls_verify_booleans() -> None:
    assert tls_verify(ServerConfig(verify_ssl=True)) is True
    assert tls_verify(ServerConfig(verify_ssl=False)) is False
    assert tls_verify(ServerConfig(verify_ssl="false")) is False


def test_tls_verify_ca_bundle_relative_to_config_dir(tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "ca.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    context = tls_verify(ServerConfig(verify_ssl="ca.pem"), config_dir=tmp_path)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert len(context.get_ca_certs()) == 1


def test_tls_verify_missing_bundle_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        tls_verify(ServerConfig(verify_ssl="missing.pem"), config_dir=tmp_path)
    assert "verify_ssl" in caught.value.message
    assert str(tmp_path / "missing.pem") in caught.value.message


def test_tls_verify_rejects_a_file_that_is_not_pem(tmp_path: Path) -> None:
    (tmp_path / "junk.pem").write_text("not a certificate")
    with pytest.raises(ConfigError, match="not a PEM CA bundle"):
        tls_verify(ServerConfig(verify_ssl=str(tmp_path / "junk.pem")))
