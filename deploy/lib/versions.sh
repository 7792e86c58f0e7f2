# Sourced by deploy/local/lib.sh (and LocalPlatformFilesTest): versions the Maven build owns are
# read from the poms, so each is written once. No Maven run: a property is one line of a pom.
#   Kafka     <kafka.version>     in deploy/local/kafka/pom.xml (the broker's jars)
#   GreenMail <greenmail.version> in pom.xml (the test library and the dev mail server)
# deploy/compose/compose.yaml repeats both as image tags; LocalPlatformFilesTest keeps it equal.
shop_pom_property() { # pom name -> prints the value of <name>...</name> (first occurrence); fails when absent
  local value
  value="$(sed -n "s:^[[:space:]]*<$2>\([^<]*\)</$2>.*:\1:p" "$1" 2>/dev/null | head -n 1)"
  if [ -z "$value" ]; then
    echo "no <$2> in $1" >&2
    return 1
  fi
  printf '%s\n' "$value"
}
