// Initiates the replica set rs0 of docker-compose.yml once; running it again changes nothing.
// Run by the one-shot `mongo-init` service: mongosh --host mongo1:27017 --file mongo-init.js
// mongo1 gets the higher priority so that it is the primary whenever it is up.

const replicaSet = {
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo1:27017", priority: 2 },
    { _id: 1, host: "mongo2:27017", priority: 1 },
    { _id: 2, host: "mongo3:27017", priority: 1 },
  ],
};

function isInitiated() {
  try {
    rs.status();
    return true;
  } catch (error) {
    if (error.codeName === "NotYetInitialized") {
      return false;
    }
    throw error;
  }
}

if (isInitiated()) {
  print("replica set rs0 is already initiated");
} else {
  try {
    rs.initiate(replicaSet);
    print("replica set rs0 initiated");
  } catch (error) {
    // Another run got there first: the outcome is the same.
    if (error.codeName !== "AlreadyInitialized") {
      throw error;
    }
  }
}

const deadline = Date.now() + 120 * 1000;
while (!db.hello().primary) {
  if (Date.now() > deadline) {
    throw new Error("replica set rs0 elected no primary within 120 s");
  }
  sleep(1000);
}
print(`replica set rs0 is ready, primary ${db.hello().primary}`);
