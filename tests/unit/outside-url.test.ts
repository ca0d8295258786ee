import { describe, expect, it } from "vitest";
import { checkOutsideUrl } from "../../core/security/outside-url";

const refused = (address: string) => checkOutsideUrl(address).ok === false;

describe("checkOutsideUrl", () => {
  it("allows a public https name on the default port", () => {
    for (const address of [
      "https://images.example.com/me.png",
      "https://cdn.photos.co.uk/a/b.jpg?size=200",
      "https://EXAMPLE.ORG:443/me.webp",
      "https://photos.example.com./me.png",
    ]) {
      const check = checkOutsideUrl(address);
      expect(check.ok, address).toBe(true);
    }
    const check = checkOutsideUrl("https://EXAMPLE.ORG:443/me.webp");
    expect(check.ok && check.url.href).toBe("https://example.org/me.webp");
  });

  it("refuses IPv4 literals in every notation the URL parser accepts", () => {
    for (const address of [
      "https://127.0.0.1/",
      "https://2130706433/",
      "https://0x7f000001/",
      "https://0x7f.0.0.1/",
      "https://0177.0.0.1/",
      "https://017700000001/",
      "https://127.1/",
      "https://127.0.1/",
      "https://127.0.0.1./",
      "https://10.0.0.1/",
      "https://172.16.0.1/",
      "https://192.168.1.1/",
      "https://169.254.169.254/latest/meta-data/",
      "https://100.64.0.1/",
      "https://0.0.0.0/",
      "https://0/",
      "https://8.8.8.8/",
      "https://%31%32%37.0.0.1/",
    ]) {
      expect(refused(address), address).toBe(true);
    }
  });

  it("refuses IPv6 literals, mapped IPv4 included", () => {
    for (const address of [
      "https://[::1]/",
      "https://[::]/",
      "https://[0:0:0:0:0:0:0:1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://[::ffff:7f00:1]/",
      "https://[fe80::1]/",
      "https://[fc00::1]/",
      "https://[fd12:3456::1]/",
      "https://[2606:4700:4700::1111]/",
    ]) {
      expect(refused(address), address).toBe(true);
    }
  });

  it("refuses localhost, single-label and private-network names", () => {
    for (const address of [
      "https://localhost/",
      "https://LOCALHOST/",
      "https://localhost./",
      "https://api.localhost/",
      "https://intranet/",
      "https://printer.local/",
      "https://db.internal/",
      "https://metadata.google.internal/",
      "https://router.home.arpa/",
      "https://1.0.0.127.in-addr.arpa/",
      "https://nas.lan/",
      "https://box.localdomain/",
      "https://site.test/",
      "https://hidden.onion/",
    ]) {
      expect(refused(address), address).toBe(true);
    }
  });

  it("refuses any scheme but https, another port, and credentials", () => {
    for (const address of [
      "http://images.example.com/me.png",
      "ftp://images.example.com/me.png",
      "file:///etc/passwd",
      "data:image/png;base64,AAAA",
      "javascript:alert(1)",
      "https://images.example.com:8443/me.png",
      "https://images.example.com:80/me.png",
      "https://user:pass@images.example.com/me.png",
      "https://user@images.example.com/me.png",
    ]) {
      expect(refused(address), address).toBe(true);
    }
  });

  it("refuses what is not an absolute URL", () => {
    for (const address of ["profile-image.png", "/me.png", "//images.example.com/me.png", ""]) {
      expect(refused(address), address).toBe(true);
    }
  });
});
