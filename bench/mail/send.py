import smtplib, sys, threading, time, uuid
from email.message import EmailMessage
N = int(sys.argv[1]); THREADS = 8; PORT = int(sys.argv[2])
html = "<html><body>" + ("<p>Thank you for your order. Here is what you bought.</p>" * 40) + "</body></html>"
text = "Thank you for your order.\n" * 40
def work(k, count):
    s = smtplib.SMTP("127.0.0.1", PORT)
    for i in range(count):
        m = EmailMessage(); m["From"] = "shop@example.com"; m["To"] = f"shopper{(k*count+i) % 500}@example.com"
        m["Subject"] = f"Your order {uuid.uuid4()} is confirmed"; m.set_content(text); m.add_alternative(html, subtype="html")
        s.send_message(m)
    s.quit()
t0 = time.time()
ts = [threading.Thread(target=work, args=(k, N // THREADS)) for k in range(THREADS)]
[t.start() for t in ts]; [t.join() for t in ts]
print(f"sent {N} mails ({len(html)+len(text)} bytes of body each) in {time.time()-t0:.1f} s")
