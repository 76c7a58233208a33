#!/usr/bin/env bash
# A private federation PKI with the JDK's keytool: a CA (made once) and, per ISP domain, an EC P-256
# certificate whose DNS name is the domain, good for TLS server and client use. Every ISP gets the same
# trust store (the CA). For production, use certificates from the CA the federating ISPs agree on.
#
#   federation-pki.sh <dir> <isp-domain>...     e.g.  federation-pki.sh pki isp-a.example isp-b.example
#
# Prints the environment an ISP's server needs. The password is $FEDERATION_PKI_PASSWORD (asked if unset).
set -euo pipefail
# the key stores hold private keys: readable by their owner only
umask 077
dir=${1:?usage: federation-pki.sh <dir> <isp-domain>...}
shift
[ $# -gt 0 ] || { echo "name at least one ISP domain" >&2; exit 2; }
if [ -z "${FEDERATION_PKI_PASSWORD:-}" ]; then
  read -r -s -p "password for the key stores: " FEDERATION_PKI_PASSWORD; echo
fi
pw=$FEDERATION_PKI_PASSWORD
mkdir -p "$dir"
cd "$dir"
if [ ! -f ca.p12 ]; then
  keytool -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=Universal IM federation CA" \
    -ext bc:c -validity 3650 -keystore ca.p12 -storetype PKCS12 -storepass "$pw" >/dev/null
  keytool -exportcert -alias ca -keystore ca.p12 -storepass "$pw" -rfc -file ca.pem >/dev/null
  keytool -importcert -alias federation-ca -file ca.pem -keystore trust.p12 -storetype PKCS12 \
    -storepass "$pw" -noprompt >/dev/null
fi
for domain in "$@"; do
  rm -f "$domain.p12" "$domain.csr" "$domain.pem"
  keytool -genkeypair -alias isp -keyalg EC -groupname secp256r1 -dname "CN=$domain" -validity 825 \
    -keystore "$domain.p12" -storetype PKCS12 -storepass "$pw" >/dev/null
  keytool -certreq -alias isp -keystore "$domain.p12" -storepass "$pw" -file "$domain.csr" >/dev/null
  keytool -gencert -alias ca -keystore ca.p12 -storepass "$pw" -infile "$domain.csr" -outfile "$domain.pem" -rfc \
    -validity 825 -ext "san=dns:$domain" -ext eku=serverAuth,clientAuth >/dev/null
  keytool -importcert -alias ca -file ca.pem -keystore "$domain.p12" -storepass "$pw" -noprompt >/dev/null
  keytool -importcert -alias isp -file "$domain.pem" -keystore "$domain.p12" -storepass "$pw" >/dev/null
  echo "# $domain"
  echo "FEDERATION_KEYSTORE=$PWD/$domain.p12 FEDERATION_TRUSTSTORE=$PWD/trust.p12 \\"
  echo "FEDERATION_KEYSTORE_PASSWORD=... FEDERATION_TRUSTSTORE_PASSWORD=..."
done
